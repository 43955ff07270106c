package io.boxoffice.edge.internal;

import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import io.boxoffice.edge.Problem;
import io.boxoffice.edge.ProblemTypes;

/**
 * The answer to a failure that carries no problem of its own, for the controller advice and the last-line
 * exception handler alike, logged with the request's correlation id:
 * <ul>
 * <li>a backing service slow or unreachable for a moment (a Redis command or a Postgres query timing out, a
 * connection refused, a pool exhausted) is not a bug in the request: 503 {@code /problems/overloaded} with
 * {@code Retry-After}, so clients and load balancers back off instead of retrying into a 500, and one WARN line
 * rather than an ERROR with a stack trace (under a surge there are thousands);</li>
 * <li>anything else is a bug: 500 {@code /problems/internal} naming only the correlation id, the stack trace in
 * the log under that id.</li>
 * </ul>
 */
final class UnexpectedFailures {

	private static final Logger log = LoggerFactory.getLogger(UnexpectedFailures.class);

	private UnexpectedFailures() {
	}

	static Problem answer(ServerWebExchange exchange, Throwable failure) {
		var request = exchange.getRequest();
		if (backendUnavailable(failure)) {
			CorrelationIds.logging(exchange, () -> log.warn("Backend unavailable on {} {}: {}", request.getMethod(),
					request.getPath(), failure.toString()));
			var problem = new Problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE,
					ProblemTypes.OVERLOADED, "Service busy", "The service could not answer in time; retry shortly"));
			problem.getHeaders().set(HttpHeaders.RETRY_AFTER, "1");
			return problem;
		}
		CorrelationIds.logging(exchange, () -> log.error("Unexpected error on {} {}", request.getMethod(), request.getPath(),
				failure));
		return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR,
				ProblemTypes.INTERNAL, "Internal error", "Something went wrong on our side; quote the correlation id if you report it"));
	}

	private static boolean backendUnavailable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}
}
