package io.boxoffice.booking;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import io.boxoffice.payment.PaymentConfirmation;
import io.boxoffice.payment.PaymentGateway;
import io.boxoffice.payment.PaymentProblems;
import io.boxoffice.payment.PaymentRejected;
import io.boxoffice.payment.PaymentState;

/**
 * The booking's side of Stripe: opening the authorization (a PaymentIntent with manual capture for the amount
 * the server computed) and paying it with a payment method. Every call carries an idempotency key derived from
 * the booking, so a retry after a timeout never makes a second PaymentIntent.
 */
@Service
class BookingPayments {

	private static final Logger log = LoggerFactory.getLogger(BookingPayments.class);

	private final Bookings bookings;
	private final PaymentGateway gateway;
	private final BookingLifecycle lifecycle;

	BookingPayments(Bookings bookings, PaymentGateway gateway, BookingLifecycle lifecycle) {
		this.bookings = bookings;
		this.gateway = gateway;
		this.lifecycle = lifecycle;
	}

	/**
	 * The booking with the PaymentIntent's client secret while payment is open. Safe to repeat: Stripe answers
	 * a repeated create with the same key with the same PaymentIntent.
	 */
	Mono<BookingView> openPayment(UUID bookingId) {
		return bookings.find(bookingId).flatMap(booking -> {
			if (booking.status() != BookingStatus.PENDING) {
				return Mono.just(BookingView.of(booking));
			}
			if (booking.amountCents() == 0) {
				return confirmFree(booking);
			}
			return gateway.authorize(booking.id().toString(), booking.amountCents(), booking.currency(), "booking-" + booking.id() + "-authorize")
				.flatMap(authorization -> bookings.setPaymentIntent(booking.id(), authorization.paymentIntentId())
					.thenReturn(BookingView.of(booking).withPayment(null, authorization.clientSecret())));
		});
	}

	/** A free booking has nothing to authorize: it is confirmed at once, without Stripe. */
	private Mono<BookingView> confirmFree(Booking booking) {
		return lifecycle.paymentAuthorized(booking.id())
			.flatMap(after -> after.status() == BookingStatus.RELEASED ? Mono.error(BookingProblems.seatSoldElsewhere(after.id()))
					: Mono.just(BookingView.of(after)));
	}

	/** Pays a PENDING booking server-side; see {@link #pay} for the outcomes. */
	Mono<BookingView> pay(Booking booking, String paymentMethod, String idempotencyKey) {
		if (booking.status() == BookingStatus.CONFIRMED) {
			return Mono.just(BookingView.of(booking));
		}
		if (booking.status() != BookingStatus.PENDING) {
			return Mono.error(BookingProblems.notPending(booking.id(), booking.status()));
		}
		if (lifecycle.isOverdue(booking)) {
			// Not even asked of Stripe: the window is over, so nothing may be authorized for it.
			return lifecycle.expireIfOverdue(booking.id())
				.flatMap(after -> Mono.error(BookingProblems.notPending(after.id(), after.status())));
		}
		if (booking.amountCents() == 0) {
			return confirmFree(booking);
		}
		Mono<Booking> withPayment = booking.paymentIntentId() != null ? Mono.just(booking)
				: openPayment(booking.id()).then(bookings.find(booking.id()));
		return withPayment.flatMap(b -> gateway.confirm(b.paymentIntentId(), paymentMethod, "booking-" + b.id() + "-confirm-" + idempotencyKey)
			.onErrorResume(PaymentRejected.class, rejected -> alreadyAuthorized(b, rejected))
			.flatMap(result -> outcome(b, result)));
	}

	/** A retry after a lost answer finds the PaymentIntent already authorized: that is success, not an error. */
	private Mono<PaymentConfirmation> alreadyAuthorized(Booking booking, PaymentRejected rejected) {
		return gateway.status(booking.paymentIntentId()).flatMap(status -> status.state() == PaymentState.AUTHORIZED
				? Mono.just(new PaymentConfirmation(PaymentConfirmation.Outcome.AUTHORIZED, booking.paymentIntentId(), null, null, null))
				: Mono.error(rejected));
	}

	private Mono<BookingView> outcome(Booking booking, PaymentConfirmation result) {
		return switch (result.outcome()) {
			case AUTHORIZED -> lifecycle.paymentAuthorized(booking.id())
				.flatMap(after -> switch (after.status()) {
					case CONFIRMED -> Mono.just(BookingView.of(after));
					case RELEASED -> Mono.error(BookingProblems.seatSoldElsewhere(after.id()));
					default -> Mono.error(BookingProblems.notPending(after.id(), after.status()));
				});
			case REQUIRES_ACTION, PROCESSING -> Mono.just(BookingView.of(booking).withPayment(result.outcome().name(), result.clientSecret()));
			case DECLINED -> {
				log.info("Payment for booking {} declined: {}", booking.id(), result.declineCode());
				yield Mono.error(PaymentProblems.declined(result));
			}
		};
	}
}
