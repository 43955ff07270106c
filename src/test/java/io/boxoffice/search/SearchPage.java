package io.boxoffice.search;

import java.util.List;
import java.util.Map;

/** The search response as a client reads it. */
record SearchPage(long total, List<Item> items, Map<String, Map<String, Long>> facets, String next) {

	List<Long> ids() {
		return items.stream().map(Item::id).toList();
	}

	record Item(long id, String name, String category, String startsAt, String localStartsAt, String timeZone, String onSaleAt,
			Venue venue, List<String> performers, Long minPriceCents, Long maxPriceCents, String currency, boolean available,
			Map<String, List<String>> highlight) {
	}

	record Venue(long id, String name, String city) {
	}
}
