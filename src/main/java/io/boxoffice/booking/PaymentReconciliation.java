package io.boxoffice.booking;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.jobs.Jobs;
import io.boxoffice.payment.PaymentGateway;
import io.boxoffice.payment.PaymentRejected;
import io.boxoffice.payment.PaymentState;
import io.boxoffice.payment.PaymentStatus;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The second safety net behind the payment jobs: every booking past PENDING with a payment is compared with
 * Stripe once its jobs have had time to run (and again after each change of its status). A CONFIRMED booking
 * must end captured; one that ended (CANCELLED, RELEASED, EXPIRED, FAILED) must end voided or refunded. What
 * is missing is queued as the same idempotent job the booking would have queued, unless one is still pending;
 * a booking found as it should be is marked checked and not asked about again.
 */
@Component
class PaymentReconciliation {

	private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
	private static final int BATCH = 100;
	private static final int CHECK_BATCHES = 10;

	private final Bookings bookings;
	private final PaymentGateway gateway;
	private final Jobs jobs;
	private final Clock clock;
	private final MeterRegistry meters;

	PaymentReconciliation(Bookings bookings, PaymentGateway gateway, Jobs jobs, Clock clock, MeterRegistry meters) {
		this.bookings = bookings;
		this.gateway = gateway;
		this.jobs = jobs;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Checks the bookings changed before {@code before} and not checked since, oldest first, up to
	 * {@code CHECK_BATCHES} batches a pass (a backlog is worked off over a few passes); returns how many needed a job.
	 */
	Mono<Long> checkAll(Instant before) {
		return checkBatch(before, null)
			.expand(batch -> batch.size() == BATCH && batch.index() < CHECK_BATCHES ? checkBatch(before, batch) : Mono.empty())
			.map(Checked::changed)
			.reduce(0L, Long::sum);
	}

	private record Checked(int index, int size, Bookings.Unchecked last, long changed) {
	}

	private Mono<Checked> checkBatch(Instant before, Checked previous) {
		return bookings.paymentsToCheck(before, previous == null ? null : previous.last(), BATCH).collectList()
			.flatMap(batch -> Flux.fromIterable(batch)
				.map(Bookings.Unchecked::booking)
				.concatMap(booking -> check(booking).onErrorResume(failure -> {
					log.warn("Could not check the payment of booking {}: {}", booking.id(), failure.toString());
					return Mono.just(false);
				}))
				.filter(changed -> changed)
				.count()
				.map(changed -> new Checked(previous == null ? 1 : previous.index() + 1, batch.size(),
						batch.isEmpty() ? null : batch.get(batch.size() - 1), changed)));
	}

	/** Checks one booking against Stripe; true if it needed a job. */
	Mono<Boolean> check(Booking booking) {
		return jobs.isPending(BookingJobs.PAYMENT_KINDS, "bookingId", booking.id().toString()).flatMap(pending -> pending
				? Mono.just(false) // its own job is still at it
				: gateway.status(booking.paymentIntentId())
					.flatMap(payment -> booking.status() == BookingStatus.CONFIRMED ? confirmed(booking, payment) : ended(booking, payment))
					.onErrorResume(PaymentRejected.class, rejected -> "resource_missing".equals(rejected.code())
							? unknownToStripe(booking) : Mono.error(rejected)));
	}

	/** A payment Stripe does not know (another account, deleted test data): asking again will not help. */
	private Mono<Boolean> unknownToStripe(Booking booking) {
		log.error("Booking {} is {} but Stripe knows no payment {}; not checked again until it changes", booking.id(),
				booking.status(), booking.paymentIntentId());
		meters.counter("boxoffice.payments.reconciled", "result", "payment-missing").increment();
		return checked(booking);
	}

	private Mono<Boolean> confirmed(Booking booking, PaymentStatus payment) {
		return switch (payment.state()) {
			case CAPTURED -> checked(booking);
			case AUTHORIZED -> repair(booking, BookingJobs.CAPTURE, "its capture never happened");
			default -> {
				// Seats sold with no money behind them (the authorization was voided or lapsed): a person must decide.
				log.error("Booking {} is CONFIRMED but its payment {} is {}: the seats are sold and nothing can be captured",
						booking.id(), booking.paymentIntentId(), payment.state());
				meters.counter("boxoffice.payments.reconciled", "result", "confirmed-unpaid").increment();
				yield checked(booking);
			}
		};
	}

	private Mono<Boolean> ended(Booking booking, PaymentStatus payment) {
		boolean givenBack = payment.state() == PaymentState.CANCELED
				|| payment.state() == PaymentState.CAPTURED && payment.isFullyRefunded();
		if (givenBack) {
			return checked(booking);
		}
		return repair(booking, BookingJobs.VOID, "it is " + booking.status() + " but its payment is " + payment.state());
	}

	private Mono<Boolean> repair(Booking booking, String kind, String why) {
		log.warn("Reconciling booking {}: {}; queueing {}", booking.id(), why, kind);
		meters.counter("boxoffice.payments.reconciled", "result", kind).increment();
		return jobs.enqueue(kind, BookingJobs.PaymentJob.of(booking)).thenReturn(true);
	}

	private Mono<Boolean> checked(Booking booking) {
		return bookings.paymentChecked(booking, clock.instant()).thenReturn(false);
	}
}
