package io.boxoffice.search.internal;

import java.time.Clock;
import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@code GET /api/search}. The parameters are read and checked together by {@link SearchQuery} (one of them may
 * depend on another: {@code radiusKm} needs {@code near}), so they are declared here for the API document only.
 */
@RestController
class SearchController {

	private static final CacheControl CACHING = CacheControl.maxAge(Duration.ofSeconds(10)).cachePublic();

	private final EventSearch search;
	private final QueryCache cache;
	private final SearchSettings settings;
	private final Clock clock;

	SearchController(EventSearch search, QueryCache cache, SearchSettings settings, Clock clock) {
		this.search = search;
		this.cache = cache;
		this.settings = settings;
		this.clock = clock;
	}

	/** See docs/search.md for the meaning of each parameter. */
	@GetMapping("/api/search")
	@Operation(operationId = "searchEvents", summary = "Search upcoming events: full text, place, date, price and availability, in pages", parameters = {
			@Parameter(in = ParameterIn.QUERY, name = "q", description = "Words of the name, performers or venue (typos tolerated)",
					schema = @Schema(type = "string", maxLength = SearchQuery.MAX_QUERY_LENGTH)),
			@Parameter(in = ParameterIn.QUERY, name = "city", description = "The event's city, any case", schema = @Schema(type = "string", maxLength = 100)),
			@Parameter(in = ParameterIn.QUERY, name = "near", description = "lat,lon: the centre for radiusKm and sort=distance",
					schema = @Schema(type = "string", pattern = "^\\s*-?[0-9.]+\\s*,\\s*-?[0-9.]+\\s*$", example = "51.5,-0.12")),
			@Parameter(in = ParameterIn.QUERY, name = "radiusKm", description = "Only events within this distance of 'near'",
					schema = @Schema(type = "number", minimum = "0.001", maximum = "20000")),
			@Parameter(in = ParameterIn.QUERY, name = "category", description = "Any case",
					schema = @Schema(type = "string", example = "CONCERT")),
			@Parameter(in = ParameterIn.QUERY, name = "from",
					description = "An instant (2026-12-24T19:30:00Z), or a date: from that local day at the venue. Defaults to now",
					schema = @Schema(type = "string", example = "2026-12-24")),
			@Parameter(in = ParameterIn.QUERY, name = "to",
					description = "An instant (exclusive), or a date: up to and including that local day at the venue",
					schema = @Schema(type = "string", example = "2026-12-31")),
			@Parameter(in = ParameterIn.QUERY, name = "minPriceCents", description = "Events with some ticket at or above this price",
					schema = @Schema(type = "integer", format = "int64", minimum = "0")),
			@Parameter(in = ParameterIn.QUERY, name = "maxPriceCents", description = "Events with some ticket at or below this price",
					schema = @Schema(type = "integer", format = "int64", minimum = "0")),
			@Parameter(in = ParameterIn.QUERY, name = "minPrice", deprecated = true, description = "The older name of minPriceCents",
					schema = @Schema(type = "integer", format = "int64", minimum = "0")),
			@Parameter(in = ParameterIn.QUERY, name = "maxPrice", deprecated = true, description = "The older name of maxPriceCents",
					schema = @Schema(type = "integer", format = "int64", minimum = "0")),
			@Parameter(in = ParameterIn.QUERY, name = "available", description = "true: only events with seats left; false: only sold-out ones",
					schema = @Schema(type = "boolean")),
			@Parameter(in = ParameterIn.QUERY, name = "sort", description = "Any case; relevance when q is given, else date",
					schema = @Schema(type = "string", example = "date")),
			@Parameter(in = ParameterIn.QUERY, name = "size", description = "Hits per page (default and maximum: see docs/search.md)",
					schema = @Schema(type = "integer", format = "int32", minimum = "1")),
			@Parameter(in = ParameterIn.QUERY, name = "cursor", description = "The 'next' of the previous page, with the same other parameters",
					schema = @Schema(type = "string")),
			@Parameter(in = ParameterIn.QUERY, name = "after", deprecated = true, description = "The older name of cursor",
					schema = @Schema(type = "string")) })
	Mono<ResponseEntity<SearchResults>> search(ServerWebExchange exchange) {
		return Mono.fromCallable(() -> SearchQuery.parse(exchange.getRequest().getQueryParams(), settings, clock))
			.flatMap(query -> cache.get(query, Mono.defer(() -> search.search(query))))
			.map(results -> ResponseEntity.ok().cacheControl(CACHING).body(results));
	}
}
