package io.boxoffice.edge.internal;

import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;

import io.boxoffice.edge.ProblemTypes;

/**
 * A backing service that is slow or unreachable for a moment (a Redis command or a Postgres query timing out, a
 * connection refused, a pool exhausted) is not a bug in the request: it answers 503 {@code /problems/overloaded}
 * with {@code Retry-After}, so clients and load balancers back off instead of retrying into a 500, and it is
 * logged as one WARN line rather than an ERROR with a stack trace (under a surge there are thousands).
 */
final class BackendUnavailable {

	static final String RETRY_AFTER_SECONDS = "1";
	private static final Logger log = LoggerFactory.getLogger(BackendUnavailable.class);

	private BackendUnavailable() {
	}

	static boolean matches(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
					|| cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

	static ProblemDetail problem(ServerWebExchange exchange, Throwable failure) {
		CorrelationIds.logging(exchange, () -> log.warn("Backend unavailable on {} {}: {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), failure.toString()));
		return ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.OVERLOADED, "Service busy",
				"The service could not answer in time; retry shortly");
	}
}
