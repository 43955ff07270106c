package io.boxoffice.search.internal;

import java.util.List;

/**
 * One event as indexed, in the list vocabulary (docs/api.md, "Vocabulary"): the searchable text, the filter and
 * sort fields, and the catalog version (the document's external version). Prices are in cents. {@code startsAt}
 * and {@code onSaleAt} are ISO-8601 UTC instants; {@code localStartsAt} is the start on the venue's clock
 * ({@code timeZone}) without an offset, indexed as a date of its own so that a date filter means the venue's local
 * day (docs/search.md, "Dates and time zones"). {@code city} is the event's city (the {@code city} filter).
 */
record EventDocument(long id, String name, String description, List<String> performers, String category, String city,
		Venue venue, Location location, String startsAt, String localStartsAt, String timeZone, String onSaleAt,
		Long minPriceCents, Long maxPriceCents, String currency, boolean available, boolean soldOut, long version) {

	record Venue(long id, String name, String city) {
	}

	record Location(double lat, double lon) {
	}
}
