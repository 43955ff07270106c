package io.boxoffice.catalog;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What a hold must know about an event before it takes seats: when it is on sale, and which seats are
 * for sale (the seats of its venue in a section that has a price tier for the event).
 */
@Component
public class SellableSeats {

	private final DatabaseClient db;

	SellableSeats(DatabaseClient db) {
		this.db = db;
	}

	/** The event's sale window and sellable seat ids (ascending); empty if there is no such event. */
	public Mono<Sale> of(long eventId) {
		Mono<Window> window = db.sql("SELECT on_sale_at, starts_at FROM event WHERE id = :id")
			.bind("id", eventId)
			.map((row, meta) -> new Window(row.get("on_sale_at", Instant.class), row.get("starts_at", Instant.class)))
			.one();
		Mono<List<Long>> seats = db.sql("""
				SELECT s.id FROM event e
				JOIN price_tier pt ON pt.event_id = e.id
				JOIN seat s ON s.section_id = pt.section_id AND s.venue_id = e.venue_id
				WHERE e.id = :id ORDER BY s.id
				""")
			.bind("id", eventId)
			.map((row, meta) -> row.get("id", Long.class))
			.all()
			.collectList();
		return window.zipWith(seats, (w, ids) -> new Sale(eventId, w.onSaleAt(), w.startsAt(), ids));
	}

	/** Seats may be held and sold while {@code onSaleAt <= now < startsAt}. */
	public record Sale(long eventId, Instant onSaleAt, Instant startsAt, List<Long> seatIds) {

		public boolean onSaleAt(Instant now) {
			return !now.isBefore(onSaleAt) && now.isBefore(startsAt);
		}
	}

	private record Window(Instant onSaleAt, Instant startsAt) {
	}
}
