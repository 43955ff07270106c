package io.boxoffice.edge;

import java.net.URI;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * The one mapping from exceptions to {@code application/problem+json}. Domain exceptions extend
 * Spring's {@code ErrorResponseException} and carry their own problem; this class fills in what the
 * framework leaves vague and makes sure nothing unexpected leaks internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = ex.getBody();
		problem.setType(ProblemTypes.INVALID_REQUEST);
		problem.setTitle("Invalid request");
		if (ex.getCause() instanceof TypeMismatchException mismatch && ex.getMethodParameter() != null) {
			String name = ex.getMethodParameter().getParameterName();
			problem.setDetail("'" + name + "' must be " + describe(mismatch.getRequiredType()) + ", not '" + mismatch.getValue() + "'");
			problem.setProperty("parameter", name);
		}
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

	/** Anything unexpected: a 500 whose body names a correlation id to find the stack trace by, and nothing else. */
	@ExceptionHandler
	Mono<ResponseEntity<ProblemDetail>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		String correlationId = UUID.randomUUID().toString();
		log.error("Unexpected error {} on {} {}", correlationId, exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side; quote the correlation id if you report it");
		problem.setType(ProblemTypes.INTERNAL);
		problem.setTitle("Internal error");
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		problem.setProperty("correlationId", correlationId);
		return Mono.just(ResponseEntity.internalServerError().body(problem));
	}

	private static String describe(Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
			return "a whole number";
		}
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.toString(type.getEnumConstants());
		}
		return "a valid " + type.getSimpleName();
	}
}
