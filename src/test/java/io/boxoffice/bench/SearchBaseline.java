package io.boxoffice.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.boxoffice.search.SearchIndexing;

/**
 * BENCHMARK ONLY (profile {@code bench}, test classpath): the baseline for {@code loadtest/bench-search.sh}
 * and the 100,000-event dataset it runs on.
 * <ul>
 * <li>{@code POST /bench/search/seed?events=100000}: grows the demo catalog to that many events with set-based SQL
 * (copies of the 10,000 demo events, with their performers and price tiers, moved by whole weeks), creates the
 * {@code pg_trgm} extension and the baseline's GIN index, and rebuilds the search index from PostgreSQL.
 * Idempotent: a catalog that is big enough only gets the index and, if stale, a reindex.</li>
 * <li>{@code GET /bench/pg-search?q=&city=&from=&to=}: the same search as {@code GET /api/search} the way it is done
 * without a search engine: {@code ILIKE '%term%'} over name, description and performers with a {@code pg_trgm} GIN
 * index, the city and date filters, the total, ordered by date, 20 rows.</li>
 * </ul>
 */
@RestController
@Profile("bench")
class SearchBaseline {

	private static final Logger log = LoggerFactory.getLogger(SearchBaseline.class);
	private static final int DEMO_EVENTS = 10_000;

	private final DatabaseClient db;
	private final TransactionalOperator transaction;
	private final SearchIndexing indexing;
	private final Clock clock;

	SearchBaseline(DatabaseClient db, TransactionalOperator transaction, SearchIndexing indexing, Clock clock) {
		this.db = db;
		this.transaction = transaction;
		this.indexing = indexing;
		this.clock = clock;
	}

	@PostMapping("/bench/search/seed")
	Mono<Map<String, Object>> seed(@RequestParam(defaultValue = "100000") long events) {
		long started = System.nanoTime();
		return count().flatMap(present -> {
			long missing = Math.max(0, events - present);
			log.info("Bench seed: {} events present, adding {}", present, missing);
			Mono<Void> grow = missing == 0 ? Mono.empty() : transaction.transactional(copies(missing));
			return grow.then(searchText()).then(indexing.reindexIfStale().map(Object::toString).defaultIfEmpty("index up to date"))
				.flatMap(reindex -> count().map(n -> reactor.util.function.Tuples.of(reindex, n)))
				.map(done -> {
					Map<String, Object> result = new LinkedHashMap<>();
					result.put("events", done.getT2());
					result.put("added", missing);
					result.put("reindex", done.getT1());
					result.put("seconds", (System.nanoTime() - started) / 1_000_000_000);
					log.info("Bench seed done: {}", result);
					return result;
				});
		});
	}

	/** {@code missing} copies of demo events: copy {@code g} of event {@code e} gets id {@code base + (g-1)·10000 + e}. */
	private Mono<Void> copies(long missing) {
		return db.sql("SELECT coalesce(max(id), 0) AS base FROM event").map((row, meta) -> row.get("base", Long.class)).one()
			.flatMap(base -> {
				long rounds = (missing + DEMO_EVENTS - 1) / DEMO_EVENTS;
				String newId = ":base + (g - 1) * " + DEMO_EVENTS + " + src.id";
				return db.sql("""
						INSERT INTO event (id, venue_id, name, description, category, starts_at, city, lat, lon, on_sale_at)
						SELECT %s, src.venue_id, src.name, src.description, src.category,
						       src.starts_at + make_interval(weeks => CAST(g %% 52 AS int)), src.city, src.lat, src.lon,
						       src.on_sale_at + make_interval(weeks => CAST(g %% 52 AS int))
						FROM generate_series(1, :rounds) g CROSS JOIN event src
						WHERE src.id <= %d
						ORDER BY g, src.id
						LIMIT :missing
						""".formatted(newId, DEMO_EVENTS))
					.bind("base", base).bind("rounds", rounds).bind("missing", missing).then()
					.then(db.sql("""
							INSERT INTO event_performer (event_id, performer_id, billing_order)
							SELECT %s, src.performer_id, src.billing_order
							FROM generate_series(1, :rounds) g CROSS JOIN event_performer src
							WHERE src.event_id <= %d AND %s IN (SELECT id FROM event WHERE id > :base)
							""".formatted(newId.replace("src.id", "src.event_id"), DEMO_EVENTS, newId.replace("src.id", "src.event_id")))
						.bind("base", base).bind("rounds", rounds).then())
					.then(db.sql("""
							INSERT INTO price_tier (event_id, section_id, price_cents, currency)
							SELECT %s, src.section_id, src.price_cents, src.currency
							FROM generate_series(1, :rounds) g CROSS JOIN price_tier src
							WHERE src.event_id <= %d AND %s IN (SELECT id FROM event WHERE id > :base)
							""".formatted(newId.replace("src.id", "src.event_id"), DEMO_EVENTS, newId.replace("src.id", "src.event_id")))
						.bind("base", base).bind("rounds", rounds).then())
					.then(db.sql("SELECT setval(pg_get_serial_sequence('event', 'id'), (SELECT max(id) FROM event))").then());
			});
	}

	/**
	 * The baseline's search text: one row per event with name, description and performer names, and a
	 * {@code pg_trgm} GIN index on it (one index covers the three fields; {@code ILIKE '%term%'} uses it).
	 */
	private Mono<Void> searchText() {
		return db.sql("CREATE EXTENSION IF NOT EXISTS pg_trgm").then()
			.then(db.sql("CREATE TABLE IF NOT EXISTS bench_search_text (event_id bigint PRIMARY KEY, body text NOT NULL)").then())
			.then(db.sql("""
					INSERT INTO bench_search_text (event_id, body)
					SELECT e.id, e.name || ' ' || e.description || ' ' ||
					       coalesce((SELECT string_agg(p.name, ' ') FROM event_performer ep JOIN performer p ON p.id = ep.performer_id
					                 WHERE ep.event_id = e.id), '')
					FROM event e
					ON CONFLICT (event_id) DO NOTHING
					""").then())
			.then(db.sql("CREATE INDEX IF NOT EXISTS bench_search_text_trgm ON bench_search_text USING gin (body gin_trgm_ops)").then())
			.then(db.sql("CREATE INDEX IF NOT EXISTS bench_event_starts_at ON event (starts_at, id)").then())
			.then(db.sql("ANALYZE event").then())
			.then(db.sql("ANALYZE bench_search_text").then());
	}

	private Mono<Long> count() {
		return db.sql("SELECT count(*) AS n FROM event").map((row, meta) -> row.get("n", Long.class)).one();
	}

	@GetMapping("/bench/pg-search")
	Mono<Map<String, Object>> search(@RequestParam String q, @RequestParam(required = false) String city,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		// Words in order, anything between ("moonlight puppet" → %moonlight%puppet%); LIKE's wildcards escaped.
		String pattern = "%" + String.join("%", List.of(q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
			.split("\\s+"))) + "%";
		Instant since = from == null ? clock.instant() : instant(from, false);
		Instant until = to == null ? Instant.parse("9999-12-31T00:00:00Z") : instant(to, true);
		var spec = db.sql("""
				WITH hits AS MATERIALIZED (SELECT event_id FROM bench_search_text WHERE body ILIKE :pattern)
				SELECT e.id, e.name, e.category, e.starts_at, e.city, v.name AS venue, count(*) OVER () AS total
				FROM hits t
				JOIN event e ON e.id = t.event_id
				JOIN venue v ON v.id = e.venue_id
				WHERE e.starts_at >= :since AND e.starts_at < :until
				  AND (CAST(:city AS text) IS NULL OR lower(e.city) = lower(CAST(:city AS text)))
				ORDER BY e.starts_at, e.id
				LIMIT 20
				""")
			.bind("pattern", pattern).bind("since", since).bind("until", until);
		spec = city == null ? spec.bindNull("city", String.class) : spec.bind("city", city);
		return spec.map((row, meta) -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", row.get("id", Long.class));
			item.put("name", row.get("name", String.class));
			item.put("category", row.get("category", String.class));
			item.put("startsAt", row.get("starts_at", OffsetDateTime.class).toInstant().toString());
			item.put("city", row.get("city", String.class));
			item.put("venue", row.get("venue", String.class));
			item.put("total", row.get("total", Long.class));
			return item;
		}).all().collectList().map(items -> {
			Map<String, Object> result = new LinkedHashMap<>();
			result.put("total", items.isEmpty() ? 0L : items.get(0).remove("total"));
			items.forEach(item -> item.remove("total"));
			result.put("items", items);
			return result;
		});
	}

	private static Instant instant(String value, boolean endOfDay) {
		try {
			if (value.length() == 10) {
				LocalDate day = LocalDate.parse(value);
				return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			return Instant.parse(value);
		}
		catch (DateTimeParseException bad) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "bad date: " + value);
		}
	}
}
