package io.boxoffice.catalog;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What a hold must know about an event before it takes seats: when it is on sale, and which seats are
 * for sale (the seats of its venue in a section that has a price tier for the event). Every catalog write that
 * can change either (the event, its price tiers, its venue's layout) bumps the event's {@code version}, so a
 * caller that kept the seats of one version need not read them again while the version stays the same.
 */
@Component
public class SellableSeats {

	private final DatabaseClient db;

	SellableSeats(DatabaseClient db) {
		this.db = db;
	}

	/** The event's version and sale window: one row. Empty if there is no such event. */
	public Mono<SaleWindow> window(long eventId) {
		return db.sql("SELECT version, on_sale_at, starts_at FROM event WHERE id = :id")
			.bind("id", eventId)
			.map((row, meta) -> new SaleWindow(row.get("version", Long.class), row.get("on_sale_at", Instant.class),
					row.get("starts_at", Instant.class)))
			.one();
	}

	/**
	 * The event's sellable seat ids, ascending (thousands of rows for an arena). Read them after the
	 * {@link #window}: should an edit commit in between, they are newer than that window's version says, and the
	 * next comparison of versions reads them again.
	 */
	public Mono<List<Long>> seatIds(long eventId) {
		return db.sql("""
				SELECT s.id FROM event e
				JOIN price_tier pt ON pt.event_id = e.id
				JOIN seat s ON s.section_id = pt.section_id AND s.venue_id = e.venue_id
				WHERE e.id = :id ORDER BY s.id
				""")
			.bind("id", eventId)
			.map((row, meta) -> row.get("id", Long.class))
			.all()
			.collectList();
	}

	/** Seats may be held and sold while {@code onSaleAt <= now < startsAt}. */
	public record SaleWindow(long version, Instant onSaleAt, Instant startsAt) {

		public boolean onSaleAt(Instant now) {
			return !now.isBefore(onSaleAt) && now.isBefore(startsAt);
		}
	}
}
