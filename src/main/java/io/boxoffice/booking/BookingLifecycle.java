package io.boxoffice.booking;

import java.time.Clock;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.tickets.TicketIssuing;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every change of a booking's status, and only here. Each runs in the caller's transaction on the booking row the
 * caller has locked ({@link #paymentAuthorized} and {@link #expireIfOverdue} lock it themselves), checks the change
 * against {@link BookingStatus}'s table (anything else is a bug: an {@link IllegalStateException}), writes the jobs and
 * outbox rows that must follow it ({@link BookingEffects}), and emits the booking as updated.
 */
@Component
class BookingLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BookingLifecycle.class);

	private final Bookings bookings;
	private final BookingEffects effects;
	private final TicketIssuing tickets;
	private final TransactionalOperator transaction;
	private final Clock clock;
	private final MeterRegistry meters;

	BookingLifecycle(Bookings bookings, BookingEffects effects, TicketIssuing tickets, TransactionalOperator transaction,
			Clock clock, MeterRegistry meters) {
		this.bookings = bookings;
		this.effects = effects;
		this.tickets = tickets;
		this.transaction = transaction;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * The one confirm, shared by the API, the webhook and the reconciler, whichever comes first, once the payment is
	 * authorized. In one transaction (the caller's if there is one: the webhook's, whose dedupe row commits with this):
	 * lock the booking; if PENDING and within its payment window, insert its tickets (past the window it is EXPIRED and
	 * its payment voided). All inserted → CONFIRMED with capture and Redis-sync jobs and an outbox row. A seat already
	 * sold to another booking (only possible if Redis lost the hold) → RELEASED with a void of the authorization: nobody
	 * pays for a seat they did not get. Calling it again is harmless: a CONFIRMED booking stays CONFIRMED, and an
	 * authorization that arrives for a booking that already ended (expired, released) is voided.
	 */
	Mono<Booking> paymentAuthorized(UUID bookingId) {
		return transaction.transactional(bookings.lock(bookingId).flatMap(booking -> switch (booking.status()) {
			case PENDING -> isOverdue(booking) ? expire(booking) : sell(booking);
			case CONFIRMED, CANCELLED -> Mono.just(booking);
			case RELEASED, EXPIRED, FAILED -> voidLateAuthorization(booking);
		}));
	}

	/** Expires the booking if it is still PENDING past its payment window; emits it as it is after. */
	Mono<Booking> expireIfOverdue(UUID bookingId) {
		return transaction.transactional(bookings.lock(bookingId)
			.flatMap(booking -> booking.status() == BookingStatus.PENDING && isOverdue(booking) ? expire(booking) : Mono.just(booking)));
	}

	/**
	 * Past its payment window a booking is expired even if the sweeper has not got to it: its hold expired with
	 * the window, so Redis may already have let someone else hold its seats.
	 */
	boolean isOverdue(Booking booking) {
		return !clock.instant().isBefore(booking.expiresAt());
	}

	/** PENDING → RELEASED (the buyer gave up, or the payment was cancelled): void the payment, free the hold. */
	Mono<Booking> releasePending(Booking booking, String reason) {
		return change(booking, BookingStatus.RELEASED, reason, released -> effects.voidPayment(released).then(effects.releaseHold(released)));
	}

	/** PENDING → EXPIRED: the payment window passed (the hold expires in Redis on its own); void the payment. */
	Mono<Booking> expire(Booking booking) {
		return change(booking, BookingStatus.EXPIRED, "the payment window passed", effects::voidPayment);
	}

	/** PENDING → FAILED: Stripe says the payment cannot succeed any more; void it, free the hold. */
	Mono<Booking> fail(Booking booking, String reason) {
		return change(booking, BookingStatus.FAILED, reason, failed -> effects.voidPayment(failed).then(effects.releaseHold(failed)));
	}

	/** CONFIRMED → CANCELLED: tickets deleted now, refund (none for a free booking) and freeing the seats in Redis as jobs. */
	Mono<Booking> cancelConfirmed(Booking booking) {
		return change(booking, BookingStatus.CANCELLED, "cancelled by the buyer", cancelled -> bookings.deleteTickets(cancelled.id())
			.then(tickets.voidAll(cancelled.id()))
			.then(effects.cancelled(cancelled)));
	}

	private Mono<Booking> sell(Booking booking) {
		return bookings.insertTickets(booking.id()).flatMap(inserted -> inserted == booking.items().size()
				? change(booking, BookingStatus.CONFIRMED, null, confirmed -> tickets.issue(confirmed.id(), confirmed.eventId(), confirmed.seatIds())
					.then(effects.confirmed(confirmed)))
				: lostASeat(booking));
	}

	private Mono<Booking> lostASeat(Booking booking) {
		log.warn("Booking {} lost a seat to another booking (Redis must have lost its hold); releasing and voiding", booking.id());
		return bookings.deleteTickets(booking.id())
			.then(releasePending(booking, "a seat was sold to another booking"));
	}

	private Mono<Booking> voidLateAuthorization(Booking booking) {
		log.info("Authorization arrived for booking {} which is already {}; voiding it", booking.id(), booking.status());
		return effects.voidPayment(booking).thenReturn(booking);
	}

	private Mono<Booking> change(Booking booking, BookingStatus to, String reason, Function<Booking, Mono<?>> effectsOf) {
		if (!booking.status().canBecome(to)) {
			return Mono.error(new IllegalStateException("Booking " + booking.id() + " cannot go from " + booking.status() + " to " + to));
		}
		return bookings.transition(booking, to, clock.instant(), reason)
			.flatMap(changed -> effectsOf.apply(changed).thenReturn(changed))
			.doOnNext(changed -> {
				meters.counter("boxoffice.bookings", "result", to.name().toLowerCase()).increment();
				log.info("Booking {} {} → {}{}", changed.id(), booking.status(), to, reason == null ? "" : ": " + reason);
			});
	}
}
