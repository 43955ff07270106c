package io.boxoffice.tickets;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a scan answers. {@code result} is the door's decision; the rest tells the person at the gate why.
 *
 * @param eventId the event the ticket is for (differs from the scanned event when the result is OTHER_EVENT)
 * @param firstCheckedInAt when the ticket was admitted (now, for VALID; the earlier scan, for ALREADY_USED)
 * @param firstGate the gate of that admission
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CheckIn(Result result, UUID ticketId, Long eventId, String eventName, Seat seat, Instant firstCheckedInAt,
		String firstGate) {

	enum Result {
		/** Admit: this scan is the ticket's first. */
		VALID,
		/** Do not admit: the ticket was admitted before (when and where are given). */
		ALREADY_USED,
		/** Do not admit: the booking was cancelled. */
		VOID,
		/** Do not admit here: the ticket is for another event. */
		OTHER_EVENT,
		/** Do not admit: no ticket has this code (mistyped, or forged). */
		UNKNOWN
	}

	record Seat(long seatId, String section, String row, int number) {
	}

	static CheckIn unknown() {
		return new CheckIn(Result.UNKNOWN, null, null, null, null, null, null);
	}

	static CheckIn of(Result result, IssuedTicket ticket) {
		return new CheckIn(result, ticket.ticketId(), ticket.eventId(), ticket.eventName(),
				new Seat(ticket.seatId(), ticket.section(), ticket.row(), ticket.number()), ticket.checkedInAt(), ticket.checkedInGate());
	}
}
