package io.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The {@code booking} and {@code booking_item} tables. Callers own the transactions. */
@Repository
class Bookings {

	private static final String COLUMNS = """
			SELECT id, user_id, event_id, status, amount_cents, currency, payment_intent_id, hold_id, created_at,
			       expires_at, confirmed_at, cancelled_at, reason
			FROM booking
			""";

	private final DatabaseClient db;

	Bookings(DatabaseClient db) {
		this.db = db;
	}

	Mono<Void> insert(Booking booking) {
		Long[] seats = booking.items().stream().map(Booking.Item::seatId).toArray(Long[]::new);
		Integer[] prices = booking.items().stream().map(Booking.Item::priceCents).toArray(Integer[]::new);
		return db.sql("""
				INSERT INTO booking (id, user_id, event_id, status, amount_cents, currency, hold_id, created_at, expires_at)
				VALUES (:id, :user, :event, 'PENDING', :amount, :currency, :hold, :now, :expires)
				""")
			.bind("id", booking.id())
			.bind("user", booking.userId())
			.bind("event", booking.eventId())
			.bind("amount", booking.amountCents())
			.bind("currency", booking.currency())
			.bind("hold", booking.holdId())
			.bind("now", booking.createdAt())
			.bind("expires", booking.expiresAt())
			.then()
			.then(db.sql("""
					INSERT INTO booking_item (booking_id, seat_id, price_cents)
					SELECT :id, seat, price FROM unnest(CAST(:seats AS bigint[]), CAST(:prices AS int[])) AS t(seat, price)
					""")
				.bind("id", booking.id())
				.bind("seats", seats)
				.bind("prices", prices)
				.then());
	}

	Mono<Booking> find(UUID id) {
		return withItems(db.sql(COLUMNS + " WHERE id = :id").bind("id", id).map(Bookings::booking).one());
	}

	/** Locks the row for the rest of the transaction: every state change of one booking is serialised here. */
	Mono<Booking> lock(UUID id) {
		return withItems(db.sql(COLUMNS + " WHERE id = :id FOR UPDATE").bind("id", id).map(Bookings::booking).one());
	}

	Mono<Booking> findByHold(String holdId) {
		return withItems(db.sql(COLUMNS + " WHERE hold_id = :hold").bind("hold", holdId).map(Bookings::booking).one());
	}

	Mono<UUID> idForPayment(String paymentIntentId) {
		return db.sql("SELECT id FROM booking WHERE payment_intent_id = :pi")
			.bind("pi", paymentIntentId)
			.map((row, meta) -> row.get("id", UUID.class))
			.one();
	}

	/**
	 * The user's bookings newest first, after the cursor (null: from the newest), without their items (the view
	 * reads them with the event, see BookingDetails). Keyset on {@code (created_at, id)}: two bookings created in
	 * the same microsecond still page apart.
	 */
	Flux<Booking> ofUser(String userId, BookingCursor after, int limit) {
		String keyset = after == null ? "" : " AND (created_at, id) < (:afterAt, :afterId)";
		var spec = db.sql(COLUMNS + " WHERE user_id = :user" + keyset + " ORDER BY created_at DESC, id DESC LIMIT :limit")
			.bind("user", userId)
			.bind("limit", limit);
		if (after != null) {
			spec = spec.bind("afterAt", after.createdAt()).bind("afterId", after.id());
		}
		return spec.map(Bookings::booking).all();
	}

	/**
	 * Notes why the last payment attempt of a PENDING booking failed, in {@code reason}, which only a booking that
	 * ended uses otherwise (every transition writes it anew); answered as {@code paymentError} while PENDING.
	 */
	Mono<Void> paymentFailed(UUID id, String why) {
		return db.sql("UPDATE booking SET reason = :reason WHERE id = :id AND status = 'PENDING'")
			.bind("reason", why)
			.bind("id", id)
			.then();
	}

	Mono<Void> setPaymentIntent(UUID id, String paymentIntentId) {
		return db.sql("UPDATE booking SET payment_intent_id = :pi, updated_at = now() WHERE id = :id AND payment_intent_id IS NULL")
			.bind("pi", paymentIntentId)
			.bind("id", id)
			.then();
	}

	/**
	 * Moves the booking (locked by the caller) from the status it was read with to {@code to}; emits the row as
	 * updated, with the booking's items. Changed meanwhile (the caller did not hold the lock): an error.
	 */
	Mono<Booking> transition(Booking booking, BookingStatus to, Instant at, String reason) {
		String timestamp = switch (to) {
			case CONFIRMED -> ", confirmed_at = :at";
			case CANCELLED -> ", cancelled_at = :at";
			default -> "";
		};
		// A change of status makes the payment worth checking again (see paymentsToCheck).
		var spec = db.sql("UPDATE booking SET status = :status, updated_at = :at, reason = :reason, payment_checked_at = NULL"
				+ timestamp + " WHERE id = :id AND status = :from RETURNING *")
			.bind("status", to.name())
			.bind("at", at)
			.bind("id", booking.id())
			.bind("from", booking.status().name());
		spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
		return spec.map(Bookings::booking)
			.one()
			.map(updated -> updated.withItems(booking.items()))
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					"Booking " + booking.id() + " is no longer " + booking.status() + "; was its row locked?")));
	}

	/** PENDING bookings whose payment window has passed, locked (skipping ones another instance holds), without their items. */
	Flux<Booking> lockOverdue(Instant now, int limit) {
		return db.sql(COLUMNS + " WHERE status = 'PENDING' AND expires_at < :now ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED")
			.bind("now", now)
			.bind("limit", limit)
			.map(Bookings::booking)
			.all();
	}

	/** PENDING bookings with a payment that are older than {@code before}: candidates for reconciliation. */
	Flux<Booking> pendingWithPaymentSince(Instant before, int limit) {
		return db.sql(COLUMNS + " WHERE status = 'PENDING' AND payment_intent_id IS NOT NULL AND created_at < :before ORDER BY created_at LIMIT :limit")
			.bind("before", before)
			.bind("limit", limit)
			.map(Bookings::booking)
			.all();
	}

	/**
	 * Bookings past PENDING with a payment that was not checked against Stripe since their last change, changed
	 * before {@code before} (their own jobs have had time to run), oldest first, after {@code after} (null: from
	 * the start).
	 */
	Flux<Unchecked> paymentsToCheck(Instant before, Unchecked after, int limit) {
		return db.sql("""
				SELECT * FROM booking
				WHERE payment_checked_at IS NULL AND payment_intent_id IS NOT NULL AND status <> 'PENDING' AND updated_at < :before
				  AND (updated_at, id) > (:afterAt, :afterId)
				ORDER BY updated_at, id LIMIT :limit""")
			.bind("before", before)
			.bind("afterAt", after == null ? Instant.EPOCH : after.updatedAt())
			.bind("afterId", after == null ? new UUID(0, 0) : after.booking().id())
			.bind("limit", limit)
			.map((row, meta) -> new Unchecked(booking(row), row.get("updated_at", Instant.class)))
			.all();
	}

	/** A booking to check, with its last change (the position of the next batch). */
	record Unchecked(Booking booking, Instant updatedAt) {
	}

	/** Only if the booking did not change since it was read: a change needs a check of its own. */
	Mono<Void> paymentChecked(Booking booking, Instant at) {
		return db.sql("UPDATE booking SET payment_checked_at = :at WHERE id = :id AND status = :status")
			.bind("at", at)
			.bind("id", booking.id())
			.bind("status", booking.status().name())
			.then();
	}

	/**
	 * Inserts the booking's tickets; a seat already sold to anyone is skipped. Returns how many were inserted:
	 * fewer than the booking's seats means another booking owns one of them.
	 */
	Mono<Long> insertTickets(UUID id) {
		return db.sql("""
				INSERT INTO ticket (event_id, seat_id, booking_id, price_cents)
				SELECT b.event_id, i.seat_id, b.id, i.price_cents
				FROM booking_item i JOIN booking b ON b.id = i.booking_id
				WHERE b.id = :id
				ON CONFLICT (event_id, seat_id) DO NOTHING
				""")
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> deleteTickets(UUID id) {
		return db.sql("DELETE FROM ticket WHERE booking_id = :id").bind("id", id).fetch().rowsUpdated();
	}

	private Mono<Booking> withItems(Mono<Booking> booking) {
		return booking.flatMap(b -> db.sql("SELECT seat_id, price_cents FROM booking_item WHERE booking_id = :id ORDER BY seat_id")
			.bind("id", b.id())
			.map((row, meta) -> new Booking.Item(row.get("seat_id", Long.class), row.get("price_cents", Integer.class)))
			.all()
			.collectList()
			.map(b::withItems));
	}

	private static Booking booking(Readable row) {
		return new Booking(row.get("id", UUID.class), row.get("user_id", String.class), row.get("event_id", Long.class),
				BookingStatus.valueOf(row.get("status", String.class)), row.get("amount_cents", Long.class),
				row.get("currency", String.class).trim(), row.get("payment_intent_id", String.class),
				row.get("hold_id", String.class), row.get("created_at", Instant.class), row.get("expires_at", Instant.class),
				row.get("confirmed_at", Instant.class), row.get("cancelled_at", Instant.class), row.get("reason", String.class),
				List.of());
	}
}
