package io.boxoffice.catalog;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The sold seats of an event: its {@code ticket} rows, which are the truth about sales. Other modules
 * rebuild their caches of sold seats (the holds module's Redis set) from here.
 */
@Component
public class SoldSeats {

	private final DatabaseClient db;

	SoldSeats(DatabaseClient db) {
		this.db = db;
	}

	/** Which of these seats of the event are sold now. */
	public Flux<Long> soldAmong(long eventId, java.util.Collection<Long> seatIds) {
		return db.sql("SELECT seat_id FROM ticket WHERE event_id = :id AND seat_id = ANY(:seats)")
			.bind("id", eventId)
			.bind("seats", seatIds.toArray(Long[]::new))
			.map((row, meta) -> row.get("seat_id", Long.class))
			.all();
	}

	public Flux<Long> soldSeatIds(long eventId) {
		return db.sql("SELECT seat_id FROM ticket WHERE event_id = :id")
			.bind("id", eventId)
			.map((row, meta) -> row.get("seat_id", Long.class))
			.all();
	}
}
