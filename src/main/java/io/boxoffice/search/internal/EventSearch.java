package io.boxoffice.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.DistanceUnit;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.TextQueryType;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Turns a {@link SearchQuery} into one Elasticsearch request and its response into {@link SearchResults}.
 * Calls go through a timeout and a circuit breaker: with Elasticsearch down, searches fail fast as
 * 503 {@code /problems/search-unavailable} instead of tying up connections, and nothing else is affected.
 */
@Component
class EventSearch {

	private static final Logger log = LoggerFactory.getLogger(EventSearch.class);
	// The typo allowance, shared with Highlights so that what is marked is what matched: one edit from this many
	// letters, two from the next, never in the first letter.
	static final int ONE_TYPO_FROM = 4;
	static final int TWO_TYPOS_FROM = 7;
	private static final String FUZZINESS = "AUTO:" + ONE_TYPO_FROM + "," + TWO_TYPOS_FROM;
	// Prefix queries on these use their index_prefixes (edge n-grams of each word, indexed by Elasticsearch core).
	private static final List<String> PREFIX_FIELDS = List.of("name^3", "performers^2");
	// What a result item shows, and the description for its highlight: location and versions stay in Elasticsearch.
	private static final List<String> RETURNED_FIELDS = List.of("id", "name", "description", "category", "startsAt", "localStartsAt",
			"timeZone", "onSaleAt", "venue", "performers", "minPriceCents", "maxPriceCents", "currency", "available");

	private final ElasticsearchAsyncClient elasticsearch;
	private final SearchSettings settings;
	private final CircuitBreaker breaker;

	EventSearch(ElasticsearchAsyncClient elasticsearch, SearchSettings settings, MeterRegistry meters) {
		this.elasticsearch = elasticsearch;
		this.settings = settings;
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(10)
			.minimumNumberOfCalls(5)
			.failureRateThreshold(50)
			.waitDurationInOpenState(settings.breakerOpenFor())
			.permittedNumberOfCallsInHalfOpenState(2)
			// Elasticsearch refusing a query (400) is an answer, not an outage: it must not open the breaker for everyone.
			.ignoreException(EventSearch::refusedQuery)
			.build());
		this.breaker = breakers.circuitBreaker("search");
		// resilience4j_circuitbreaker_state{name="search",state="closed|open|half_open|…"} 1/0, plus call counts and failure rate.
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		breaker.getEventPublisher().onStateTransition(event -> log.warn("Search circuit breaker: {}", event.getStateTransition()));
	}

	Mono<SearchResults> search(SearchQuery query) {
		SearchRequest request = request(query);
		return EventIndex.call(() -> elasticsearch.search(request, Shown.class))
			.timeout(settings.timeout())
			.transformDeferred(CircuitBreakerOperator.of(breaker))
			.map(response -> results(query, response))
			.onErrorMap(error -> {
				if (refusedQuery(error)) {
					log.warn("Elasticsearch refused a search: {}", error.toString());
					return SearchProblems.refused();
				}
				if (!(error instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException)) {
					log.warn("Search failed: {}", error.toString());
				}
				return SearchProblems.unavailable(settings.breakerOpenFor());
			});
	}

	static boolean refusedQuery(Throwable error) {
		return EventIndex.status(error, 400);
	}

	CircuitBreaker.State breakerState() {
		return breaker.getState();
	}

	SearchRequest request(SearchQuery query) {
		return SearchRequest.of(s -> {
			s.index(settings.alias())
				.query(query(query))
				.size(query.size())
				.source(src -> src.filter(f -> f.includes(RETURNED_FIELDS)))
				.trackTotalHits(t -> t.enabled(true))
				.sort(sort(query))
				.aggregations("category", a -> a.terms(t -> t.field("category").size(10)));
			// No Elasticsearch highlighter: Highlights marks the words in the service (see there why).
			if (query.category() != null) {
				// A post filter, so the category facet still counts every category of the other filters.
				s.postFilter(f -> f.term(t -> t.field("category").value(query.category().name())));
			}
			if (query.after() != null) {
				s.searchAfter(query.after().values());
			}
			return s;
		});
	}

	private static Query query(SearchQuery query) {
		List<Query> filters = new ArrayList<>();
		if (query.city() != null) {
			filters.add(Query.of(q -> q.term(t -> t.field("city").value(query.city()))));
		}
		if (query.radiusKm() != null) {
			filters.add(Query.of(q -> q.geoDistance(g -> g.field("location").distance(query.radiusKm() + "km")
				.location(l -> l.latlon(ll -> ll.lat(query.lat()).lon(query.lon()))))));
		}
		// Instants compare with the instant; dates with the venue's wall clock (localStartsAt), so "to=2026-12-24"
		// is the 24th wherever the event is, not the 24th in UTC (docs/search.md, "Dates and time zones").
		if (query.from() != null || query.to() != null) {
			filters.add(Query.of(q -> q.range(r -> r.date(d -> {
				d.field("startsAt");
				if (query.from() != null) {
					d.gte(query.from().toString());
				}
				if (query.to() != null) {
					d.lt(query.to().toString());
				}
				return d;
			}))));
		}
		if (query.fromDate() != null || query.toDate() != null) {
			filters.add(Query.of(q -> q.range(r -> r.date(d -> {
				d.field("localStartsAt").format("strict_date_hour_minute_second");
				if (query.fromDate() != null) {
					d.gte(query.fromDate().atStartOfDay().toString() + ":00");
				}
				if (query.toDate() != null) {
					d.lt(query.toDate().plusDays(1).atStartOfDay().toString() + ":00");
				}
				return d;
			}))));
		}
		if (query.minPrice() != null) {
			filters.add(Query.of(q -> q.range(r -> r.number(n -> n.field("maxPriceCents").gte(query.minPrice().doubleValue())))));
		}
		if (query.maxPrice() != null) {
			filters.add(Query.of(q -> q.range(r -> r.number(n -> n.field("minPriceCents").lte(query.maxPrice().doubleValue())))));
		}
		if (query.available() != null) {
			filters.add(Query.of(q -> q.term(t -> t.field("available").value(query.available()))));
		}
		return Query.of(q -> q.bool(b -> {
			b.filter(filters);
			if (query.q() != null) {
				// Typo tolerance where a buyer types a name, on "words" (name, performers and venue copied into one field:
				// one fuzzy expansion per word instead of one per field), not in the first letter, and at most 20 spellings
				// per word; exact words of the description (fuzzy there costs most of a query and finds noise); the name and
				// performers boosted through the prefix clause, whose last word is a prefix ("adel" finds "Adele").
				b.should(s -> s.match(m -> m.field("words").query(query.q()).fuzziness(FUZZINESS).prefixLength(1).maxExpansions(20)))
					.should(s -> s.match(m -> m.field("description").query(query.q())))
					.should(s -> s.multiMatch(m -> m.query(query.q()).fields(PREFIX_FIELDS).type(TextQueryType.BoolPrefix)))
					.minimumShouldMatch("1");
			}
			return b;
		}));
	}

	private static List<SortOptions> sort(SearchQuery query) {
		SortOptions byId = SortOptions.of(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
		SortOptions byDate = SortOptions.of(o -> o.field(f -> f.field("startsAt").order(SortOrder.Asc)));
		return switch (query.sort()) {
			case RELEVANCE -> List.of(SortOptions.of(o -> o.score(sc -> sc.order(SortOrder.Desc))), byDate, byId);
			case DATE -> List.of(byDate, byId);
			case PRICE -> List.of(SortOptions.of(o -> o.field(f -> f.field("minPriceCents").order(SortOrder.Asc))), byDate, byId);
			case DISTANCE -> List.of(SortOptions.of(o -> o.geoDistance(g -> g.field("location")
				.location(l -> l.latlon(ll -> ll.lat(query.lat()).lon(query.lon())))
				.order(SortOrder.Asc).unit(DistanceUnit.Kilometers))), byDate, byId);
		};
	}

	/** The returned part of an event document ({@code _source} filtered to {@code RETURNED_FIELDS}). */
	record Shown(long id, String name, String description, String category, String startsAt, String localStartsAt, String timeZone,
			String onSaleAt, io.boxoffice.catalog.VenueRef venue, List<String> performers, Long minPriceCents, Long maxPriceCents, String currency,
			Boolean available) {
	}

	private static SearchResults results(SearchQuery query, SearchResponse<Shown> response) {
		List<SearchResults.Item> items = new ArrayList<>();
		Highlights highlights = Highlights.of(query.q());
		for (Hit<Shown> hit : response.hits().hits()) {
			Shown document = hit.source();
			items.add(new SearchResults.Item(document.id(), document.name(), document.category(), document.startsAt(),
					document.localStartsAt(), document.timeZone(), document.onSaleAt(), document.venue(), document.performers(),
					document.minPriceCents(), document.maxPriceCents(), document.currency(), Boolean.TRUE.equals(document.available()),
					highlights.mark(document.name(), document.performers(), document.description())));
		}
		Map<String, Long> categories = new LinkedHashMap<>();
		var aggregation = response.aggregations().get("category");
		if (aggregation != null) {
			aggregation.sterms().buckets().array().forEach(bucket -> categories.put(bucket.key().stringValue(), bucket.docCount()));
		}
		long total = response.hits().total() == null ? items.size() : response.hits().total().value();
		var hits = response.hits().hits();
		String next = hits.size() < query.size() ? null
				: new SearchCursor(query.sort(), hits.get(hits.size() - 1).sort()).encode();
		return new SearchResults(total, items, Map.of("category", categories), next);
	}
}
