package io.boxoffice.booking;

import java.time.Clock;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.jobs.Jobs;
import io.boxoffice.outbox.Outbox;
import io.boxoffice.tickets.TicketIssuing;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The state changes other than confirming, each run inside the caller's transaction on a booking row the
 * caller has locked, each writing the jobs that must follow it, so a crash after the commit still refunds,
 * voids or frees what it should.
 */
@Component
class BookingTransitions {

	private static final Logger log = LoggerFactory.getLogger(BookingTransitions.class);

	private final Bookings bookings;
	private final Jobs jobs;
	private final Outbox outbox;
	private final Clock clock;
	private final MeterRegistry meters;
	private final TicketIssuing tickets;

	BookingTransitions(Bookings bookings, Jobs jobs, Outbox outbox, Clock clock, MeterRegistry meters, TicketIssuing tickets) {
		this.bookings = bookings;
		this.jobs = jobs;
		this.outbox = outbox;
		this.clock = clock;
		this.meters = meters;
		this.tickets = tickets;
	}

	/** PENDING → RELEASED (the buyer gave up, or the payment was cancelled): void the payment, free the hold. */
	Mono<Booking> releasePending(Booking booking, String reason) {
		return end(booking, BookingStatus.RELEASED, reason)
			.then(jobs.enqueue(BookingJobs.RELEASE_HOLD, Map.of("eventId", booking.eventId(), "holdId", booking.holdId(), "userId", booking.userId())))
			.thenReturn(booking);
	}

	/** PENDING → EXPIRED: the payment window passed (the hold expires in Redis on its own). */
	Mono<Booking> expire(Booking booking) {
		return end(booking, BookingStatus.EXPIRED, "the payment window passed").thenReturn(booking);
	}

	/** PENDING → FAILED: Stripe says the payment cannot succeed any more. */
	Mono<Booking> fail(Booking booking, String reason) {
		return end(booking, BookingStatus.FAILED, reason)
			.then(jobs.enqueue(BookingJobs.RELEASE_HOLD, Map.of("eventId", booking.eventId(), "holdId", booking.holdId(), "userId", booking.userId())))
			.thenReturn(booking);
	}

	/** CONFIRMED → CANCELLED: tickets deleted now, refund (none for a free booking) and freeing the seats in Redis as jobs. */
	Mono<Booking> cancelConfirmed(Booking booking) {
		Mono<Void> refund = booking.paymentIntentId() == null ? Mono.empty()
				: jobs.enqueue(BookingJobs.REFUND, payment(booking)).then();
		return bookings.transition(booking.id(), BookingStatus.CANCELLED, clock.instant(), "cancelled by the buyer")
			.then(bookings.deleteTickets(booking.id()))
			.then(tickets.voidAll(booking.id()))
			.then(refund)
			.then(jobs.enqueue(BookingJobs.MAIL_CANCELLED, BookingJobs.mail(booking)))
			.then(jobs.enqueue(BookingJobs.UNSELL, Map.of("eventId", booking.eventId(), "seatIds", booking.seatIds())))
			.then(outbox.append("booking.changed", Long.toString(booking.eventId()), "BookingCancelled",
					Map.of("bookingId", booking.id().toString(), "eventId", booking.eventId(), "seatIds", booking.seatIds())))
			.then(Mono.fromRunnable(() -> {
				meters.counter("boxoffice.bookings", "result", "cancelled").increment();
				log.info("Booking {} cancelled; refund and seat release queued", booking.id());
			}))
			.thenReturn(booking);
	}

	private Mono<Void> end(Booking booking, BookingStatus status, String reason) {
		Mono<Void> voidPayment = booking.paymentIntentId() == null ? Mono.empty()
				: jobs.enqueue(BookingJobs.VOID, payment(booking)).then();
		return bookings.transition(booking.id(), status, clock.instant(), reason)
			.then(voidPayment)
			.then(Mono.fromRunnable(() -> {
				meters.counter("boxoffice.bookings", "result", status.name().toLowerCase()).increment();
				log.info("Booking {} {}: {}", booking.id(), status, reason);
			}));
	}

	static Map<String, Object> payment(Booking booking) {
		return Map.of("bookingId", booking.id().toString(), "paymentIntentId", booking.paymentIntentId());
	}
}
