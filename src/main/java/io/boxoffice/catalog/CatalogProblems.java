package io.boxoffice.catalog;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;

/** The catalog's problems, each with a stable type URI; {@link #eventNotFound} is shared by every module that takes an event id. */
public final class CatalogProblems {

	static final URI EVENT_NOT_FOUND = URI.create("/problems/event-not-found");
	static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");

	private CatalogProblems() {
	}

	public static ErrorResponseException eventNotFound(long eventId) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no event with id " + eventId);
		problem.setType(EVENT_NOT_FOUND);
		problem.setTitle("Event not found");
		problem.setProperty("eventId", eventId);
		return new Problem(HttpStatus.NOT_FOUND, problem);
	}

	static ErrorResponseException invalidParameter(String parameter, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(INVALID_REQUEST);
		problem.setTitle("Invalid request");
		problem.setProperty("parameter", parameter);
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}
}
