package io.boxoffice.booking;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The per-buyer cap on seats per event ({@code boxoffice.booking.max-seats-per-buyer}). Holds are capped too, but a
 * hold is let go once booked, so without this a buyer could hold, book, hold again and end with the whole hall.
 * Counted in Postgres, where bookings are the truth: CONFIRMED and PENDING seats plus the new booking's.
 */
@Component
class PurchaseLimits {

	private final DatabaseClient db;
	private final BookingSettings settings;

	PurchaseLimits(DatabaseClient db, BookingSettings settings) {
		this.db = db;
		this.settings = settings;
	}

	/**
	 * An early answer before the hold is extended for payment, so a refused buyer's seats are not kept for the payment
	 * window. Not race-safe on its own: {@link #checkLocked} decides.
	 */
	Mono<Void> check(String userId, long eventId, int requested) {
		return booked(userId, eventId).flatMap(booked -> verdict(eventId, booked, requested));
	}

	/**
	 * Inside the transaction that inserts the booking: first a transaction-scoped advisory lock on (buyer, event), so
	 * two bookings of one buyer for one event count one after the other, each seeing the other's committed seats.
	 * Other buyers and events do not wait (a hash collision only serialises two unrelated buyers for an instant).
	 */
	Mono<Void> checkLocked(String userId, long eventId, int requested) {
		return db.sql("SELECT pg_advisory_xact_lock(hashtextextended(:user || '/' || CAST(:event AS text), 0))")
			.bind("user", userId)
			.bind("event", eventId)
			.then()
			.then(check(userId, eventId, requested));
	}

	private Mono<Long> booked(String userId, long eventId) {
		return db.sql("""
				SELECT count(*) AS seats FROM booking_item i JOIN booking b ON b.id = i.booking_id
				WHERE b.user_id = :user AND b.event_id = :event AND b.status IN ('PENDING', 'CONFIRMED')
				""")
			.bind("user", userId)
			.bind("event", eventId)
			.map((row, meta) -> row.get("seats", Long.class))
			.one();
	}

	private Mono<Void> verdict(long eventId, long booked, int requested) {
		int limit = settings.maxSeatsPerBuyer();
		return booked + requested > limit ? Mono.error(BookingProblems.purchaseLimit(eventId, limit, booked, requested)) : Mono.empty();
	}
}
