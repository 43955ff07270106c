package io.boxoffice.booking;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;
import io.boxoffice.edge.ProblemTypes;

/** The booking module's problems, each with a stable type URI. */
final class BookingProblems {

	static final URI BOOKING_NOT_FOUND = URI.create("/problems/booking-not-found");
	static final URI HOLD_NOT_FOUND = URI.create("/problems/hold-not-found");
	static final URI HOLD_ALREADY_BOOKED = URI.create("/problems/hold-already-booked");
	static final URI BOOKING_NOT_PENDING = URI.create("/problems/booking-not-pending");
	static final URI BOOKING_NOT_CANCELLABLE = URI.create("/problems/booking-not-cancellable");
	static final URI IDEMPOTENCY_KEY_MISSING = URI.create("/problems/idempotency-key-missing");
	static final URI IDEMPOTENCY_KEY_REUSED = URI.create("/problems/idempotency-key-reused");
	static final URI SEAT_SOLD_ELSEWHERE = URI.create("/problems/seat-sold-elsewhere");
	static final URI UNPRICED_SEATS = URI.create("/problems/unpriced-seats");
	static final URI PURCHASE_LIMIT = URI.create("/problems/purchase-limit");

	private BookingProblems() {
	}

	/** Also for someone else's booking: whether it exists is none of the caller's business. */
	static ErrorResponseException bookingNotFound(UUID id) {
		var problem = problem(HttpStatus.NOT_FOUND, BOOKING_NOT_FOUND, "Booking not found", "You have no booking with id " + id);
		problem.setProperty("bookingId", id);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	static ErrorResponseException holdNotFound(String holdId) {
		var problem = problem(HttpStatus.NOT_FOUND, HOLD_NOT_FOUND, "Hold not found",
				"You have no live hold " + holdId + "; it may have expired. Hold the seats again.");
		problem.setProperty("holdId", holdId);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	static ErrorResponseException holdAlreadyBooked(String holdId, UUID bookingId) {
		var problem = problem(HttpStatus.CONFLICT, HOLD_ALREADY_BOOKED, "Hold already booked",
				"Hold " + holdId + " already has booking " + bookingId);
		problem.setProperty("holdId", holdId);
		problem.setProperty("bookingId", bookingId);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException notPending(UUID id, BookingStatus status) {
		var problem = problem(HttpStatus.CONFLICT, BOOKING_NOT_PENDING, "Booking is not awaiting payment",
				"Booking " + id + " is " + status + "; only a PENDING booking can be paid");
		problem.setProperty("bookingStatus", status);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException notCancellable(UUID id, String why, Instant cutoff) {
		var problem = problem(HttpStatus.CONFLICT, BOOKING_NOT_CANCELLABLE, "Booking cannot be cancelled", why);
		problem.setProperty("bookingId", id);
		if (cutoff != null) {
			problem.setProperty("cancellableUntil", cutoff);
		}
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException seatSoldElsewhere(UUID id) {
		var problem = problem(HttpStatus.CONFLICT, SEAT_SOLD_ELSEWHERE, "Seat sold to someone else",
				"A seat of booking " + id + " was sold to another buyer while you paid. Your card will not be charged: the "
						+ "authorization is voided. Please choose other seats.");
		problem.setProperty("bookingId", id);
		problem.setProperty("bookingStatus", BookingStatus.RELEASED);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException idempotencyKeyMissing() {
		var problem = problem(HttpStatus.BAD_REQUEST, IDEMPOTENCY_KEY_MISSING, "Idempotency-Key required",
				"Send an Idempotency-Key header (a fresh UUID per booking attempt) so a retry cannot book twice");
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException idempotencyKeyReused() {
		var problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, IDEMPOTENCY_KEY_REUSED, "Idempotency-Key reused",
				"This Idempotency-Key was used for a different request; use a new key for a new request");
		return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, problem);
	}

	static ErrorResponseException unpricedSeats(java.util.Collection<Long> seatIds) {
		var problem = problem(HttpStatus.CONFLICT, UNPRICED_SEATS, "Seats not for sale",
				"These held seats have no price any more: " + seatIds);
		problem.setProperty("seatIds", seatIds);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	static ErrorResponseException purchaseLimit(long eventId, int limit, long alreadyBooked, int requested) {
		var problem = problem(HttpStatus.CONFLICT, PURCHASE_LIMIT, "Purchase limit reached",
				"You may book at most " + limit + " seats for this event; you already have " + alreadyBooked
						+ " (booked or awaiting payment), so these " + requested + " would make " + (alreadyBooked + requested)
						+ ". Release some seats from this hold, or cancel a pending booking.");
		problem.setProperty("eventId", eventId);
		problem.setProperty("limit", limit);
		problem.setProperty("alreadyBooked", alreadyBooked);
		problem.setProperty("requested", requested);
		return new Problem(HttpStatus.CONFLICT, problem);
	}

	/** 400 in the shape of every validation problem, {@code errors: [{field, message}]}. */
	static ErrorResponseException unknownJobState(String state) {
		var problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED, "Validation failed",
				"state must be 'stuck', the only state this view lists");
		problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", "state", "message", "must be 'stuck'")));
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException invalidParameter(String parameter, String detail) {
		var problem = problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request", detail);
		problem.setProperty("parameter", parameter);
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}
}
