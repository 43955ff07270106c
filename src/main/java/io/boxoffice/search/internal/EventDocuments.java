package io.boxoffice.search.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.boxoffice.catalog.EventSummary;

/**
 * Builds search documents from the catalog tables with SQL (the catalog module has no Java API for
 * this, and the indexer always wants the current row, whatever the message said). Availability is the
 * venue's seats minus sold tickets, as the catalog counts it; holds are too short-lived to index.
 */
@Component
class EventDocuments {

	private static final String SELECT = """
			WITH picked AS (SELECT * FROM event e WHERE %s ORDER BY e.id %s),
			     capacity AS (SELECT s.venue_id, count(*) AS seats FROM seat s
			                  WHERE s.venue_id IN (SELECT venue_id FROM picked) GROUP BY s.venue_id)
			SELECT e.id, e.name, e.description, e.category, e.starts_at, e.on_sale_at, e.city, e.lat, e.lon, e.version,
			       v.id AS venue_id, v.name AS venue, v.city AS venue_city, v.timezone,
			       coalesce((SELECT array_agg(p.name ORDER BY ep.billing_order, p.name)
			                 FROM event_performer ep JOIN performer p ON p.id = ep.performer_id
			                 WHERE ep.event_id = e.id), '{}') AS performers,
			       prices.min_price, prices.max_price, prices.currency,
			       coalesce(c.seats, 0) AS seats,
			       (SELECT count(*) FROM ticket t WHERE t.event_id = e.id) AS sold
			FROM picked e
			JOIN venue v ON v.id = e.venue_id
			LEFT JOIN capacity c ON c.venue_id = e.venue_id
			LEFT JOIN LATERAL (SELECT min(price_cents) AS min_price, max(price_cents) AS max_price, min(currency) AS currency
			                   FROM price_tier WHERE event_id = e.id) prices ON true
			ORDER BY e.id""";

	/** The index's {@code strict_date_hour_minute_second}: always seconds, never a fraction. */
	private static final DateTimeFormatter LOCAL_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

	private final DatabaseClient db;

	EventDocuments(DatabaseClient db) {
		this.db = db;
	}

	Flux<EventDocument> byIds(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return Flux.empty();
		}
		return db.sql(SELECT.formatted("e.id = ANY(:ids)", ""))
			.bind("ids", ids.toArray(Long[]::new))
			.map((row, meta) -> document(row))
			.all();
	}

	/** A keyset page in id order, for the full reindex. */
	Mono<List<EventDocument>> page(long afterId, int size) {
		return db.sql(SELECT.formatted("e.id > :after", "LIMIT :size"))
			.bind("after", afterId)
			.bind("size", size)
			.map((row, meta) -> document(row))
			.all()
			.collectList();
	}

	Mono<Long> count() {
		return db.sql("SELECT count(*) AS n FROM event").map((row, meta) -> row.get("n", Long.class)).one();
	}

	private static EventDocument document(Readable row) {
		long seats = row.get("seats", Long.class);
		long sold = row.get("sold", Long.class);
		boolean available = seats > sold;
		String[] performers = row.get("performers", String[].class);
		Integer min = row.get("min_price", Integer.class);
		Integer max = row.get("max_price", Integer.class);
		Instant startsAt = row.get("starts_at", OffsetDateTime.class).toInstant();
		String timeZone = row.get("timezone", String.class);
		return new EventDocument(row.get("id", Long.class), row.get("name", String.class),
				row.get("description", String.class), performers == null ? List.of() : Arrays.asList(performers),
				row.get("category", String.class), row.get("city", String.class),
				new EventDocument.Venue(row.get("venue_id", Long.class), row.get("venue", String.class), row.get("venue_city", String.class)),
				new EventDocument.Location(row.get("lat", Double.class), row.get("lon", Double.class)),
				startsAt.toString(), EventSummary.local(startsAt, timeZone).format(LOCAL_SECONDS), timeZone,
				row.get("on_sale_at", OffsetDateTime.class).toInstant().toString(),
				min == null ? null : min.longValue(), max == null ? null : max.longValue(), row.get("currency", String.class),
				available, !available, row.get("version", Long.class));
	}
}
