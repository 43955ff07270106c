package io.boxoffice.catalog;

import java.time.Instant;

/** One line of an event list. Prices are the cheapest and dearest tier, in minor units. */
public record EventSummary(long id, String name, Category category, Instant startsAt, String city, long venueId,
		String venueName, Long minPriceCents, Long maxPriceCents, String currency) {
}
