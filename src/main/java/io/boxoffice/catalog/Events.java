package io.boxoffice.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Reads of the {@code event} table and what hangs off it. */
@Repository
class Events {

	private static final String SUMMARY_COLUMNS = """
			SELECT e.id, e.name, e.category, e.starts_at, e.on_sale_at, v.id AS venue_id, v.name AS venue_name,
			       v.city AS venue_city, v.timezone, prices.min_price, prices.max_price, prices.currency
			FROM event e
			JOIN venue v ON v.id = e.venue_id
			LEFT JOIN LATERAL (
			    SELECT min(price_cents)::bigint AS min_price, max(price_cents)::bigint AS max_price, min(currency)::text AS currency
			    FROM price_tier WHERE event_id = e.id
			) prices ON true
			""";

	private final DatabaseClient db;
	private final Clock clock;

	Events(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	/** Upcoming events in start order, after the cursor, optionally in one city and/or category. */
	Mono<List<EventSummary>> upcoming(EventCursor after, String city, Category category, int limit) {
		var sql = new StringBuilder(SUMMARY_COLUMNS).append(" WHERE e.starts_at > :now");
		if (after != null) {
			sql.append(" AND (e.starts_at, e.id) > (:afterStartsAt, :afterId)");
		}
		if (city != null) {
			sql.append(" AND lower(e.city) = :city");
		}
		if (category != null) {
			sql.append(" AND e.category = :category");
		}
		sql.append(" ORDER BY e.starts_at, e.id LIMIT :limit");
		var spec = db.sql(sql.toString()).bind("now", Instant.now(clock)).bind("limit", limit);
		if (after != null) {
			spec = spec.bind("afterStartsAt", after.startsAt()).bind("afterId", after.id());
		}
		if (city != null) {
			spec = spec.bind("city", city.toLowerCase(Locale.ROOT));
		}
		if (category != null) {
			spec = spec.bind("category", category.name());
		}
		return spec.map((row, meta) -> {
			Instant startsAt = row.get("starts_at", Instant.class);
			String timeZone = row.get("timezone", String.class);
			return new EventSummary(
				row.get("id", Long.class),
				row.get("name", String.class),
				Category.valueOf(row.get("category", String.class)),
				startsAt,
				EventSummary.local(startsAt, timeZone),
				timeZone,
				row.get("on_sale_at", Instant.class),
				new VenueRef(row.get("venue_id", Long.class), row.get("venue_name", String.class), row.get("venue_city", String.class)),
				row.get("min_price", Long.class),
				row.get("max_price", Long.class),
				row.get("currency", String.class));
		})
			.all()
			.collectList();
	}

	/** The event row with its venue; empty if there is no such event. */
	Mono<EventRow> find(long eventId) {
		return db.sql("""
				SELECT e.id, e.name, e.description, e.category, e.starts_at, e.on_sale_at, e.queue_mode, e.version,
				       v.id AS venue_id, v.name AS venue_name, v.city, v.country, v.lat, v.lon, v.timezone
				FROM event e JOIN venue v ON v.id = e.venue_id
				WHERE e.id = :id
				""")
			.bind("id", eventId)
			.map((row, meta) -> new EventRow(
					row.get("id", Long.class),
					row.get("name", String.class),
					row.get("description", String.class),
					Category.valueOf(row.get("category", String.class)),
					row.get("starts_at", Instant.class),
					row.get("on_sale_at", Instant.class),
					row.get("queue_mode", String.class),
					row.get("version", Long.class),
					new EventDetails.Venue(row.get("venue_id", Long.class), row.get("venue_name", String.class),
							row.get("city", String.class), row.get("country", String.class),
							row.get("lat", Double.class), row.get("lon", Double.class), row.get("timezone", String.class))))
			.one();
	}

	Mono<List<EventDetails.Performer>> performers(long eventId) {
		return db.sql("""
				SELECT p.id, p.name, p.genre FROM event_performer ep JOIN performer p ON p.id = ep.performer_id
				WHERE ep.event_id = :id ORDER BY ep.billing_order, p.name
				""")
			.bind("id", eventId)
			.map((row, meta) -> new EventDetails.Performer(row.get("id", Long.class), row.get("name", String.class),
					row.get("genre", String.class)))
			.all()
			.collectList();
	}

	Mono<List<EventDetails.PriceTier>> priceTiers(long eventId) {
		return db.sql("""
				SELECT s.id, s.name, pt.price_cents, pt.currency FROM price_tier pt JOIN section s ON s.id = pt.section_id
				WHERE pt.event_id = :id ORDER BY pt.price_cents DESC, s.position
				""")
			.bind("id", eventId)
			.map((row, meta) -> new EventDetails.PriceTier(row.get("id", Long.class), row.get("name", String.class),
					row.get("price_cents", Integer.class), row.get("currency", String.class).trim()))
			.all()
			.collectList();
	}

	/** The columns of {@code event} and its venue that the detail view needs. */
	record EventRow(long id, String name, String description, Category category, Instant startsAt, Instant onSaleAt,
			String queueMode, long version, EventDetails.Venue venue) {
	}
}
