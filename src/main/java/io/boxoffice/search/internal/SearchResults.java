package io.boxoffice.search.internal;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

import io.boxoffice.catalog.VenueRef;

/**
 * The search response: one page of hits, the total, category counts and the cursor of the next page
 * ({@code ?cursor=}), in the list vocabulary of {@code GET /api/events} (docs/api.md, "Vocabulary").
 */
record SearchResults(long total, List<Item> items,
		@Schema(description = "Counts per value of each facet; today {\"category\": {\"CONCERT\": 12, ...}}") Map<String, Map<String, Long>> facets,
		@Schema(nullable = true, description = "The cursor of the next page, null on the last") String next) {

	/**
	 * An event list item plus {@code performers}, {@code available} and {@code highlight} (a field mapped to
	 * fragments with the matched words in {@code <em>}). Prices in cents.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "SearchHit")
	record Item(long id, String name, @Schema(allowableValues = { "CONCERT", "SPORTS", "THEATRE", "COMEDY", "FAMILY" }) String category,
			@Schema(format = "date-time") String startsAt,
			@Schema(pattern = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$", example = "2027-03-01T20:00:00", description = "startsAt on the venue's clock") String localStartsAt,
			@Schema(example = "Europe/Berlin", description = "The venue's IANA time zone") String timeZone,
			@Schema(format = "date-time") String onSaleAt, VenueRef venue, List<String> performers,
			@Schema(nullable = true) Long minPriceCents, @Schema(nullable = true) Long maxPriceCents,
			@Schema(nullable = true) String currency, boolean available, Map<String, List<String>> highlight) {
	}
}
