package io.boxoffice.booking;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.payment.PaymentEvent;

/**
 * Applies a verified Stripe event exactly once: its {@code processed_webhook} row and its effect commit in one
 * transaction, so a duplicate finds the row and does nothing, and a failure leaves neither (Stripe resends).
 * Order does not matter: every effect checks the booking's state under its row lock.
 */
@Component
class PaymentEventHandling {

	private static final Logger log = LoggerFactory.getLogger(PaymentEventHandling.class);

	private final DatabaseClient db;
	private final Bookings bookings;
	private final BookingLifecycle lifecycle;
	private final TransactionalOperator transaction;

	PaymentEventHandling(DatabaseClient db, Bookings bookings, BookingLifecycle lifecycle,
			TransactionalOperator transaction) {
		this.db = db;
		this.bookings = bookings;
		this.lifecycle = lifecycle;
		this.transaction = transaction;
	}

	/** @return what happened, for the response and the logs */
	Mono<String> apply(PaymentEvent event) {
		Mono<String> once = firstTime(event).flatMap(first -> first ? effect(event) : Mono.just("duplicate"));
		return transaction.transactional(once)
			.doOnNext(outcome -> log.info("Stripe event {} {} for {}: {}", event.eventId(), event.type(), event.paymentIntentId(), outcome));
	}

	private Mono<Boolean> firstTime(PaymentEvent event) {
		return db.sql("INSERT INTO processed_webhook (stripe_event_id, type) VALUES (:id, :type) ON CONFLICT DO NOTHING")
			.bind("id", event.eventId())
			.bind("type", event.type().stripeType())
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}

	private Mono<String> effect(PaymentEvent event) {
		return bookings.idForPayment(event.paymentIntentId())
			.flatMap(bookingId -> switch (event.type()) {
				case AUTHORIZED -> lifecycle.paymentAuthorized(bookingId).map(booking -> "booking " + booking.status());
				case CANCELED -> endPending(bookingId, "the payment was cancelled");
				case PAYMENT_FAILED -> bookings.paymentFailed(bookingId, PaymentFailures.describe(event.failureCode()))
					.thenReturn("payment failed; the buyer may pay again until the booking expires");
				case CAPTURED, REFUNDED -> Mono.just("noted");
			})
			.defaultIfEmpty("no booking for this payment");
	}

	private Mono<String> endPending(UUID bookingId, String reason) {
		return bookings.lock(bookingId).flatMap(booking -> booking.status() == BookingStatus.PENDING
				? lifecycle.fail(booking, reason).thenReturn("booking FAILED")
				: Mono.just("booking already " + booking.status()));
	}
}
