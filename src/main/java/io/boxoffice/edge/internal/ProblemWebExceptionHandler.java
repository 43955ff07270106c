package io.boxoffice.edge.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import io.boxoffice.edge.ProblemTypes;

/**
 * The last line: errors that escape web filters or happen outside a controller still leave as
 * problem+json (ahead of Boot's default handler, which would write its own JSON shape).
 */
@Component
@Order(-2) // Boot's DefaultErrorWebExceptionHandler is -1
class ProblemWebExceptionHandler implements WebExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

	private final ProblemWriter writer;

	ProblemWebExceptionHandler(ProblemWriter writer) {
		this.writer = writer;
	}

	static ProblemDetail internalError() {
		return ProblemWriter.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
				"Something went wrong on our side; quote the correlation id if you report it");
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(failure);
		}
		ProblemDetail problem = ClientErrors.problemFor(failure, exchange);
		if (problem == null) {
			problem = problemOf(exchange, failure);
		}
		ProblemDetailsAdvice.complete(problem, exchange);
		return writer.write(exchange, problem);
	}

	private static ProblemDetail problemOf(ServerWebExchange exchange, Throwable failure) {
		if (failure instanceof ErrorResponse response) {
			exchange.getResponse().getHeaders().addAll(response.getHeaders());
			ClientErrors.explain(failure, response.getBody(), exchange);
			return response.getBody();
		}
		if (BackendUnavailable.matches(failure)) {
			exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, BackendUnavailable.RETRY_AFTER_SECONDS);
			return BackendUnavailable.problem(exchange, failure);
		}
		CorrelationIds.logging(exchange, () -> log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), failure));
		return internalError();
	}
}
