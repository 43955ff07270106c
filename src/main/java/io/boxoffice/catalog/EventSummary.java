package io.boxoffice.catalog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One line of an event list, in the vocabulary search hits share (docs/api.md, "Vocabulary"). Prices are the
 * cheapest and dearest tier, in minor units; {@code startsAt} is the instant, {@code localStartsAt} the same
 * moment on the venue's clock ({@code timeZone}).
 */
public record EventSummary(long id, String name, Category category, Instant startsAt, LocalDateTime localStartsAt,
		String timeZone, Instant onSaleAt, VenueRef venue, Long minPriceCents, Long maxPriceCents, String currency) {

	/** The wall-clock time at the venue; an unknown zone id (never written by the admin API) reads as UTC. */
	public static LocalDateTime local(Instant instant, String timeZone) {
		return LocalDateTime.ofInstant(instant, zone(timeZone));
	}

	static ZoneId zone(String timeZone) {
		try {
			return ZoneId.of(timeZone);
		}
		catch (RuntimeException unknown) {
			return java.time.ZoneOffset.UTC;
		}
	}
}
