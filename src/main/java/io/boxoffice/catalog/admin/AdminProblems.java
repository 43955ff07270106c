package io.boxoffice.catalog.admin;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;
import io.boxoffice.edge.ProblemTypes;

/**
 * The problems of the admin API, each with a stable type URI. Every 400 carries {@code errors: [{field, message}]},
 * the same shape bean validation produces, so a client handles all of them one way.
 */
final class AdminProblems {

	static final URI VALIDATION_FAILED = ProblemTypes.VALIDATION_FAILED;
	static final URI INVALID_LAYOUT = URI.create("/problems/invalid-layout");
	static final URI UNKNOWN_SECTION = URI.create("/problems/unknown-section");
	static final URI DUPLICATE_PRICE_TIER = URI.create("/problems/duplicate-price-tier");
	static final URI EVENT_IN_THE_PAST = URI.create("/problems/event-in-the-past");
	static final URI UNKNOWN_VENUE = URI.create("/problems/unknown-venue");
	static final URI UNKNOWN_PERFORMER = URI.create("/problems/unknown-performer");
	static final URI VENUE_NOT_FOUND = URI.create("/problems/venue-not-found");
	static final URI PERFORMER_NOT_FOUND = URI.create("/problems/performer-not-found");
	static final URI EVENT_NOT_FOUND = URI.create("/problems/event-not-found");
	static final URI LAYOUT_LOCKED = URI.create("/problems/layout-locked");
	static final URI EVENT_HAS_SALES = URI.create("/problems/event-has-sales");
	static final URI PERFORMER_NAME_TAKEN = URI.create("/problems/performer-name-taken");

	private AdminProblems() {
	}

	record FieldError(String field, String message) {
	}

	static ErrorResponseException invalid(URI type, String title, List<FieldError> errors) {
		String detail = String.join("; ", errors.stream().limit(5).map(e -> e.field() + " " + e.message()).toList())
				+ (errors.size() > 5 ? "; and " + (errors.size() - 5) + " more" : "");
		var problem = problem(HttpStatus.BAD_REQUEST, type, title, detail);
		problem.setProperty("errors", errors);
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	/** Throws a 400 of the given type if any errors were collected. */
	static void throwIfAny(List<FieldError> errors, URI type, String title) {
		if (!errors.isEmpty()) {
			throw invalid(type, title, errors);
		}
	}

	static ErrorResponseException invalid(URI type, String title, String field, String message) {
		return invalid(type, title, List.of(new FieldError(field, message)));
	}

	static ErrorResponseException notFound(URI type, String what, long id) {
		var problem = problem(HttpStatus.NOT_FOUND, type, what + " not found", "There is no " + what.toLowerCase() + " with id " + id);
		problem.setProperty(what.toLowerCase() + "Id", id);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	static ErrorResponseException conflict(URI type, String title, String detail) {
		return new Problem(HttpStatus.CONFLICT, problem(HttpStatus.CONFLICT, type, title, detail));
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}
}
