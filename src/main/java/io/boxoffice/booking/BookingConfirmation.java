package io.boxoffice.booking;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.jobs.Jobs;
import io.boxoffice.outbox.Outbox;
import io.boxoffice.tickets.TicketIssuing;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one confirm, shared by the API and the webhook, whichever comes first, once the payment is
 * authorized. In one transaction: lock the booking; if PENDING and within its payment window, insert its
 * tickets (past the window it is EXPIRED and its payment voided). All inserted → CONFIRMED
 * with capture and Redis-sync jobs and an outbox row. A seat already sold to another booking (only possible
 * if Redis lost the hold) → RELEASED with a void of the authorization: nobody pays for a seat they did not
 * get. Calling it again is harmless: a CONFIRMED booking stays CONFIRMED, and an authorization that arrives
 * for a booking that already ended (expired, released) is voided.
 */
@Component
class BookingConfirmation {

	private static final Logger log = LoggerFactory.getLogger(BookingConfirmation.class);

	private final Bookings bookings;
	private final BookingTransitions transitions;
	private final Jobs jobs;
	private final Outbox outbox;
	private final TransactionalOperator transaction;
	private final Clock clock;
	private final MeterRegistry meters;
	private final TicketIssuing tickets;

	BookingConfirmation(Bookings bookings, BookingTransitions transitions, Jobs jobs, Outbox outbox,
			TransactionalOperator transaction, Clock clock, MeterRegistry meters, TicketIssuing tickets) {
		this.bookings = bookings;
		this.transitions = transitions;
		this.jobs = jobs;
		this.outbox = outbox;
		this.transaction = transaction;
		this.clock = clock;
		this.meters = meters;
		this.tickets = tickets;
	}

	/** Joins the caller's transaction if there is one (the webhook's, whose dedupe row commits with this). */
	Mono<BookingStatus> paymentAuthorized(UUID bookingId) {
		return transaction.transactional(bookings.lock(bookingId).flatMap(booking -> switch (booking.status()) {
			case PENDING -> isOverdue(booking) ? transitions.expire(booking).thenReturn(BookingStatus.EXPIRED) : sell(booking);
			case CONFIRMED, CANCELLED -> Mono.just(booking.status());
			case RELEASED, EXPIRED, FAILED -> voidLateAuthorization(booking);
		}));
	}

	/** Expires the booking if it is still PENDING past its payment window; emits its status after. */
	Mono<BookingStatus> expireIfOverdue(UUID bookingId) {
		return transaction.transactional(bookings.lock(bookingId).flatMap(booking -> booking.status() == BookingStatus.PENDING
				&& isOverdue(booking) ? transitions.expire(booking).thenReturn(BookingStatus.EXPIRED) : Mono.just(booking.status())));
	}

	/**
	 * Past its payment window a booking is expired even if the sweeper has not got to it: its hold expired with
	 * the window, so Redis may already have let someone else hold its seats.
	 */
	boolean isOverdue(Booking booking) {
		return !clock.instant().isBefore(booking.expiresAt());
	}

	private Mono<BookingStatus> sell(Booking booking) {
		return bookings.insertTickets(booking.id()).flatMap(inserted -> inserted == booking.items().size()
				? confirmed(booking)
				: lostASeat(booking));
	}

	private Mono<BookingStatus> confirmed(Booking booking) {
		Mono<Void> capture = booking.paymentIntentId() == null ? Mono.empty() // free: nothing to capture
				: jobs.enqueue(BookingJobs.CAPTURE, BookingTransitions.payment(booking)).then();
		var effects = bookings.transition(booking.id(), BookingStatus.CONFIRMED, clock.instant(), null)
			.then(tickets.issue(booking.id(), booking.eventId(), booking.seatIds()))
			.then(capture)
			.then(jobs.enqueue(BookingJobs.MAIL_CONFIRMED, BookingJobs.mail(booking)))
			.then(jobs.enqueue(BookingJobs.MARK_SOLD, Map.of("eventId", booking.eventId(), "holdId", booking.holdId(), "seatIds", booking.seatIds())))
			.then(outbox.append("booking.changed", Long.toString(booking.eventId()), "BookingConfirmed",
					Map.of("bookingId", booking.id().toString(), "eventId", booking.eventId(), "seatIds", booking.seatIds())));
		return effects.then(Mono.fromRunnable(() -> {
			meters.counter("boxoffice.bookings", "result", "confirmed").increment();
			log.info("Booking {} confirmed: event {} seats {}", booking.id(), booking.eventId(), booking.seatIds());
		})).thenReturn(BookingStatus.CONFIRMED);
	}

	private Mono<BookingStatus> lostASeat(Booking booking) {
		log.warn("Booking {} lost a seat to another booking (Redis must have lost its hold); releasing and voiding", booking.id());
		return bookings.deleteTickets(booking.id())
			.then(bookings.transition(booking.id(), BookingStatus.RELEASED, clock.instant(), "a seat was sold to another booking"))
			.then(voidPayment(booking))
			.then(jobs.enqueue(BookingJobs.RELEASE_HOLD, Map.of("eventId", booking.eventId(), "holdId", booking.holdId(), "userId", booking.userId())))
			.then(Mono.fromRunnable(() -> meters.counter("boxoffice.bookings", "result", "released").increment()))
			.thenReturn(BookingStatus.RELEASED);
	}

	private Mono<BookingStatus> voidLateAuthorization(Booking booking) {
		log.info("Authorization arrived for booking {} which is already {}; voiding it", booking.id(), booking.status());
		return voidPayment(booking).thenReturn(booking.status());
	}

	private Mono<Void> voidPayment(Booking booking) {
		return booking.paymentIntentId() == null ? Mono.empty()
				: jobs.enqueue(BookingJobs.VOID, BookingTransitions.payment(booking)).then();
	}
}
