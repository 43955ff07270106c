package io.boxoffice.tickets;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * What the booking module calls inside its own transactions, so that tickets exist exactly while the booking is
 * CONFIRMED: a rollback of the confirm takes its tickets with it, and a cancellation that commits has voided them.
 * Both calls join the caller's transaction (R2DBC binds the connection to the reactive context).
 */
@Service
public class TicketIssuing {

	private static final Logger log = LoggerFactory.getLogger(TicketIssuing.class);

	private final AdmissionTickets tickets;
	private final Clock clock;

	TicketIssuing(AdmissionTickets tickets, Clock clock) {
		this.tickets = tickets;
		this.clock = clock;
		TicketSecrets.next(); // seeds the generator now, off the event loops
	}

	/** One ticket per seat; issuing again for the same booking adds nothing. */
	public Mono<Void> issue(UUID bookingId, long eventId, List<Long> seatIds) {
		return tickets.insert(bookingId, eventId, seatIds, clock.instant())
			.doOnNext(issued -> log.info("Booking {}: {} tickets issued", bookingId, issued))
			.then();
	}

	/** Voids the booking's tickets: from now on a scan answers VOID. */
	public Mono<Void> voidAll(UUID bookingId) {
		return tickets.voidAll(bookingId, clock.instant())
			.doOnNext(voided -> log.info("Booking {}: {} tickets voided", bookingId, voided))
			.then();
	}
}
