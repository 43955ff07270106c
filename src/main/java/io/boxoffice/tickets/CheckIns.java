package io.boxoffice.tickets;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Redeems a ticket at the door. The admission itself is one conditional UPDATE (see {@link AdmissionTickets#admit});
 * only when it admits nothing is the ticket read again to say why, in a statement of its own that sees whichever scan
 * won (a reading in the same statement would see the row from before the winner committed).
 */
@Service
class CheckIns {

	private final AdmissionTickets tickets;
	private final Clock clock;
	private final MeterRegistry meters;

	CheckIns(AdmissionTickets tickets, Clock clock, MeterRegistry meters) {
		this.tickets = tickets;
		this.clock = clock;
		this.meters = meters;
	}

	Mono<CheckIn> checkIn(long eventId, String secret, String gate) {
		Mono<CheckIn> answer = !wellFormed(secret) ? Mono.just(CheckIn.unknown())
				: tickets.admit(eventId, secret, gate, clock.instant())
					.flatMap(admitted -> tickets.findBySecret(secret).map(ticket -> CheckIn.of(CheckIn.Result.VALID, ticket)))
					.switchIfEmpty(Mono.defer(() -> tickets.findBySecret(secret)
						.map(ticket -> CheckIn.of(refusal(eventId, ticket), ticket))
						.defaultIfEmpty(CheckIn.unknown())));
		return answer.doOnNext(checkIn -> meters.counter("boxoffice.check-ins", "result", checkIn.result().name()).increment());
	}

	/** Why a ticket that exists was not admitted; every case but these was admitted by the UPDATE. */
	private static CheckIn.Result refusal(long eventId, IssuedTicket ticket) {
		if (ticket.eventId() != eventId) {
			return CheckIn.Result.OTHER_EVENT;
		}
		if (ticket.status() == IssuedTicket.TicketStatus.VOID) {
			return CheckIn.Result.VOID;
		}
		if (ticket.checkedInAt() != null) {
			return CheckIn.Result.ALREADY_USED;
		}
		throw new IllegalStateException("Ticket " + ticket.ticketId() + " is valid and unused, yet the admitting UPDATE did not match it");
	}

	/** A code of another shape cannot be a ticket: answered without asking Postgres. */
	private static boolean wellFormed(String secret) {
		return secret.length() == TicketSecrets.LENGTH && secret.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_');
	}
}
