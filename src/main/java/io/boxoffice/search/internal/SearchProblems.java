package io.boxoffice.search.internal;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;
import io.boxoffice.edge.ProblemTypes;

/** The search API's problems, each with a stable type URI. */
final class SearchProblems {

	static final URI SEARCH_UNAVAILABLE = URI.create("/problems/search-unavailable");
	static final URI REINDEX_RUNNING = URI.create("/problems/reindex-running");

	private SearchProblems() {
	}

	static ErrorResponseException invalidParameter(String parameter, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(ProblemTypes.INVALID_REQUEST);
		problem.setTitle("Invalid request");
		problem.setProperty("parameter", parameter);
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException unavailable() {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Search is temporarily unavailable; event pages and lists still work. Try again shortly.");
		problem.setType(SEARCH_UNAVAILABLE);
		problem.setTitle("Search unavailable");
		return new Problem(HttpStatus.SERVICE_UNAVAILABLE, problem);
	}

	static ErrorResponseException reindexRunning() {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A reindex is already running on this instance");
		problem.setType(REINDEX_RUNNING);
		problem.setTitle("Reindex running");
		return new Problem(HttpStatus.CONFLICT, problem);
	}
}
