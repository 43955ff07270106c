package io.boxoffice.search.internal;

import java.util.List;
import java.util.Map;

/** The search response: one page of hits, the total, category counts and the cursor of the next page. */
record SearchResults(long total, List<Item> items, Map<String, Map<String, Long>> facets, String next) {

	/** Prices in cents; {@code highlight} maps a field to fragments with the matched words in {@code <em>}. */
	record Item(long id, String name, String category, String startsAt, String city, String venue, List<String> performers,
			Long minPrice, Long maxPrice, String currency, boolean available, Map<String, List<String>> highlight) {
	}
}
