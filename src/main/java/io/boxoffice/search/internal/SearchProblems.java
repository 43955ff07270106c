package io.boxoffice.search.internal;

import java.net.URI;
import java.time.Duration;

import org.springframework.http.HttpHeaders;
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

	/** With {@code Retry-After}, like every deliberate 503 of the service. */
	static ErrorResponseException unavailable(Duration retryAfter) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Search is temporarily unavailable; event pages and lists still work. Try again shortly.");
		problem.setType(SEARCH_UNAVAILABLE);
		problem.setTitle("Search unavailable");
		var unavailable = new Problem(HttpStatus.SERVICE_UNAVAILABLE, problem);
		unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
		return unavailable;
	}

	/** Elasticsearch refused the query as malformed: the request's doing, never a search outage. */
	static ErrorResponseException refused() {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"This combination of search parameters cannot be run; check them, and use 'cursor' only as the 'next' of a page");
		problem.setType(ProblemTypes.INVALID_REQUEST);
		problem.setTitle("Invalid request");
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	static ErrorResponseException reindexRunning() {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A reindex is already running on this instance");
		problem.setType(REINDEX_RUNNING);
		problem.setTitle("Reindex running");
		return new Problem(HttpStatus.CONFLICT, problem);
	}
}
