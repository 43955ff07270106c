package io.boxoffice.search.internal;

import java.util.List;

/**
 * One event as indexed: the searchable text, the filter and sort fields, and the catalog version
 * (the document's external version). Prices are in cents; {@code startsAt} is ISO-8601 UTC.
 */
record EventDocument(long id, String name, String description, List<String> performers, String category, String city,
		String venue, Location location, String startsAt, Long minPrice, Long maxPrice, String currency,
		boolean available, boolean soldOut, long version) {

	record Location(double lat, double lon) {
	}
}
