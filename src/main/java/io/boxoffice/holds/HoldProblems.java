package io.boxoffice.holds;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;
import io.boxoffice.edge.ProblemTypes;

/** The holds module's problems, each with a stable type URI (clients switch on these; never rename one). */
final class HoldProblems {

	static final URI SEATS_UNAVAILABLE = URI.create("/problems/seats-unavailable");
	static final URI HOLD_LIMIT_REACHED = URI.create("/problems/hold-limit-reached");
	static final URI HOLD_NOT_FOUND = URI.create("/problems/hold-not-found");
	static final URI UNKNOWN_SEATS = URI.create("/problems/unknown-seats");
	static final URI EVENT_NOT_ON_SALE = URI.create("/problems/event-not-on-sale");
	static final URI IDEMPOTENCY_KEY_REUSED = URI.create("/problems/idempotency-key-reused");
	static final URI IDEMPOTENCY_KEY_IN_FLIGHT = URI.create("/problems/idempotency-key-in-flight");
	static final URI HOLDS_UNAVAILABLE = URI.create("/problems/holds-unavailable");
	static final URI HOLD_IN_BOOKING = URI.create("/problems/hold-in-booking");

	private HoldProblems() {
	}

	static ErrorResponseException invalid(String field, String message) {
		var problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "Validation failed", field + " " + message);
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException invalidIdempotencyKey() {
		var problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
				"'Idempotency-Key' must be 1 to 255 visible ASCII characters");
		problem.setProperty("parameter", "Idempotency-Key");
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException seatsUnavailable(long eventId, List<Long> seatIds) {
		var problem = problem(HttpStatus.CONFLICT, SEATS_UNAVAILABLE, "Seats unavailable",
				"Seats " + seatIds + " are already held or sold; nothing was held");
		problem.setProperty("eventId", eventId);
		problem.setProperty("unavailableSeatIds", seatIds);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException holdLimitReached(long eventId, int limit, long held, int requested) {
		var problem = problem(HttpStatus.CONFLICT, HOLD_LIMIT_REACHED, "Hold limit reached",
				"You hold " + held + " seats of this event and may hold at most " + limit + "; release some or buy them first");
		problem.setProperty("eventId", eventId);
		problem.setProperty("limit", limit);
		problem.setProperty("held", held);
		problem.setProperty("requested", requested);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException holdNotFound(String holdId) {
		var problem = problem(HttpStatus.NOT_FOUND, HOLD_NOT_FOUND, "Hold not found",
				"You have no live hold with id " + holdId);
		problem.setProperty("holdId", holdId);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	static ErrorResponseException holdInBooking(String holdId) {
		var problem = problem(HttpStatus.CONFLICT, HOLD_IN_BOOKING, "Hold is being paid for",
				"Hold " + holdId + " belongs to a booking awaiting payment; cancel or let that booking lapse to free its seats");
		problem.setProperty("holdId", holdId);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException idempotentHoldEnded(String holdId) {
		var problem = problem(HttpStatus.NOT_FOUND, HOLD_NOT_FOUND, "Hold not found",
				"The hold this Idempotency-Key created has ended (released, expired or sold); use a new key to hold again");
		problem.setProperty("holdId", holdId);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	static ErrorResponseException unknownSeats(long eventId, List<Long> seatIds) {
		var problem = problem(HttpStatus.BAD_REQUEST, UNKNOWN_SEATS, "Unknown seats",
				"Seats " + seatIds + " are not seats of this event's venue that are on sale");
		problem.setProperty("eventId", eventId);
		problem.setProperty("unknownSeatIds", seatIds);
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException notOnSale(long eventId, Instant onSaleAt, Instant startsAt, Instant now) {
		String detail = now.isBefore(onSaleAt) ? "Event " + eventId + " goes on sale at " + onSaleAt
				: "Event " + eventId + " started at " + startsAt + "; sales are closed";
		var problem = problem(HttpStatus.CONFLICT, EVENT_NOT_ON_SALE, "Event not on sale", detail);
		problem.setProperty("eventId", eventId);
		problem.setProperty("onSaleAt", onSaleAt.toString());
		problem.setProperty("startsAt", startsAt.toString());
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException idempotencyKeyReused() {
		var problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency key reused",
				"This Idempotency-Key was already used with a different request body; use a new key for a new request");
		return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, problem);
	}

	static ErrorResponseException idempotencyKeyInFlight() {
		var problem = problem(HttpStatus.CONFLICT, IDEMPOTENCY_KEY_IN_FLIGHT, "Request in progress",
				"A request with this Idempotency-Key is still being processed; retry shortly");
		return retryAfterOneSecond(new Problem(HttpStatus.CONFLICT, problem));
	}

	static ErrorResponseException holdsUnavailable(long eventId) {
		var problem = problem(HttpStatus.SERVICE_UNAVAILABLE, HOLDS_UNAVAILABLE, "Holds unavailable",
				"The seat state of this event is being rebuilt; retry shortly");
		problem.setProperty("eventId", eventId);
		return retryAfterOneSecond(new Problem(HttpStatus.SERVICE_UNAVAILABLE, problem));
	}

	private static ErrorResponseException retryAfterOneSecond(ErrorResponseException exception) {
		exception.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
		return exception;
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}
}
