package io.boxoffice.search.internal;

import java.time.Clock;
import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

	/**
	 * {@code q, city, near=lat,lon, radiusKm, category, from, to, minPrice, maxPrice, available,
	 * sort=relevance|date|distance|price, size, after}; see docs/search.md.
	 */
	@GetMapping("/api/search")
	Mono<ResponseEntity<SearchResults>> search(@RequestParam MultiValueMap<String, String> params) {
		return Mono.fromCallable(() -> SearchQuery.parse(params, settings, clock))
			.flatMap(query -> cache.get(query, Mono.defer(() -> search.search(query))))
			.map(results -> ResponseEntity.ok().cacheControl(CACHING).body(results));
	}
}
