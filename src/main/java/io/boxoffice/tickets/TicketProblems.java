package io.boxoffice.tickets;

import java.net.URI;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;

/** The tickets module's problems, each with a stable type URI. */
final class TicketProblems {

	/** The booking module's type: to the caller a booking that is not theirs is the same answer everywhere. */
	static final URI BOOKING_NOT_FOUND = URI.create("/problems/booking-not-found");
	static final URI TICKET_NOT_FOUND = URI.create("/problems/ticket-not-found");

	private TicketProblems() {
	}

	/** Also for someone else's booking: whether it exists is none of the caller's business. */
	static ErrorResponseException bookingNotFound(UUID id) {
		var problem = problem(HttpStatus.NOT_FOUND, BOOKING_NOT_FOUND, "Booking not found", "You have no booking with id " + id);
		problem.setProperty("bookingId", id);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	static ErrorResponseException ticketNotFound(UUID bookingId, UUID ticketId) {
		var problem = problem(HttpStatus.NOT_FOUND, TICKET_NOT_FOUND, "Ticket not found",
				"Your booking " + bookingId + " has no ticket with id " + ticketId);
		problem.setProperty("ticketId", ticketId);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}
}
