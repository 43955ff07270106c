package io.boxoffice.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.catalog.Category;

/**
 * Small catalog rows written straight to Postgres for integration tests: a 20-seat venue with a
 * priced "Front" section and an unpriced "Back" section, and an event there. Names carry a random
 * suffix so tests sharing the database never see each other's rows.
 */
public final class CatalogFixtures {

	private final DatabaseClient db;

	public CatalogFixtures(DatabaseClient db) {
		this.db = db;
	}

	public record TestEvent(long id, long venueId, long frontSectionId, long backSectionId, List<Long> seatIds,
			List<Long> frontSeatIds, long performerId) {
	}

	public static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public TestEvent event(String name, String city, Category category, Instant startsAt) {
		long venueId = id("""
				INSERT INTO venue (name, city, country, lat, lon, timezone) VALUES ('%s', '%s', 'GB', 51.5, -0.12, 'Europe/London')
				RETURNING id""".formatted(unique("Test Hall"), city));
		long front = id("INSERT INTO section (venue_id, name, position) VALUES (" + venueId + ", 'Front', 0) RETURNING id");
		long back = id("INSERT INTO section (venue_id, name, position) VALUES (" + venueId + ", 'Back', 1) RETURNING id");
		db.sql("""
				INSERT INTO seat (venue_id, section_id, row_label, number, x, y)
				SELECT :venue, CASE WHEN r <= 2 THEN :front ELSE :back END, chr(64 + r), n, n, r * 1.2
				FROM generate_series(1, 4) r, generate_series(1, 5) n ORDER BY r, n
				""").bind("venue", venueId).bind("front", front).bind("back", back).then().block();
		long performerId = id("INSERT INTO performer (name, genre) VALUES ('" + unique("Test Band") + "', 'rock') RETURNING id");
		long eventId = db.sql("""
				INSERT INTO event (venue_id, name, description, category, starts_at, city, lat, lon, on_sale_at)
				VALUES (:venue, :name, 'A test event', :category, :startsAt, :city, 51.5, -0.12, :onSale) RETURNING id
				""")
			.bind("venue", venueId).bind("name", name).bind("category", category.name()).bind("startsAt", startsAt)
			.bind("city", city).bind("onSale", startsAt.minusSeconds(86_400 * 30L))
			.map((row, meta) -> row.get("id", Long.class)).one().block();
		db.sql("INSERT INTO event_performer (event_id, performer_id) VALUES (" + eventId + ", " + performerId + ")").then().block();
		db.sql("INSERT INTO price_tier (event_id, section_id, price_cents, currency) VALUES (" + eventId + ", " + front + ", 4500, 'GBP')")
			.then().block();
		List<Long> seats = db.sql("SELECT id FROM seat WHERE venue_id = " + venueId + " ORDER BY id")
			.map((row, meta) -> row.get("id", Long.class)).all().collectList().block();
		List<Long> frontSeats = db.sql("SELECT id FROM seat WHERE section_id = " + front + " ORDER BY id")
			.map((row, meta) -> row.get("id", Long.class)).all().collectList().block();
		return new TestEvent(eventId, venueId, front, back, seats, frontSeats, performerId);
	}

	/** Records a confirmed sale of one seat, as the booking flow will. */
	public void sell(TestEvent event, long seatId) {
		UUID booking = UUID.randomUUID();
		db.sql("""
				INSERT INTO booking (id, user_id, event_id, status, amount_cents, currency, hold_id, expires_at, confirmed_at)
				VALUES (:id, 'fixture-user', :event, 'CONFIRMED', 4500, 'GBP', CAST(:hold AS text), now(), now())
				""").bind("id", booking).bind("event", event.id()).bind("hold", "fixture-hold-" + booking).then().block();
		db.sql("INSERT INTO booking_item (booking_id, seat_id, price_cents) VALUES (:b, :s, 4500)")
			.bind("b", booking).bind("s", seatId).then().block();
		db.sql("INSERT INTO ticket (event_id, seat_id, booking_id, price_cents) VALUES (:e, :s, :b, 4500)")
			.bind("e", event.id()).bind("s", seatId).bind("b", booking).then().block();
	}

	private long id(String sql) {
		return db.sql(sql).map((row, meta) -> row.get("id", Long.class)).one().block();
	}
}
