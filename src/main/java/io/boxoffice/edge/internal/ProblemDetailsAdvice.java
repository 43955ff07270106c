package io.boxoffice.edge.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;

import io.boxoffice.edge.ProblemTypes;

/**
 * The one mapping from exceptions raised by controllers to {@code application/problem+json}. Domain
 * exceptions extend Spring's {@code ErrorResponseException} and carry their own problem and type; framework
 * errors get a stable type by status here, and their detail is rewritten to say what the caller got wrong.
 * Errors raised before a controller (filters, security) go through {@link ProblemWebExceptionHandler}.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	static final Map<Integer, URI> TYPE_BY_STATUS = Map.of(
			400, ProblemTypes.INVALID_REQUEST,
			404, ProblemTypes.NOT_FOUND,
			405, ProblemTypes.METHOD_NOT_ALLOWED,
			406, ProblemTypes.NOT_ACCEPTABLE,
			413, ProblemTypes.BODY_TOO_LARGE,
			415, ProblemTypes.UNSUPPORTED_MEDIA_TYPE);

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, Object>> errors = ex.getFieldErrors().stream().map(ProblemDetailsAdvice::fieldError).toList();
		return validationProblem(ex, errors, headers, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, Object>> errors = ex.getParameterValidationResults().stream()
			.flatMap(result -> result.getResolvableErrors().stream()
				.map(error -> Map.<String, Object>of("field", result.getMethodParameter().getParameterName(),
						"message", String.valueOf(error.getDefaultMessage()))))
			.toList();
		return validationProblem(ex, errors, headers, exchange);
	}

	private Mono<ResponseEntity<Object>> validationProblem(Exception ex, List<Map<String, Object>> errors,
			HttpHeaders headers, ServerWebExchange exchange) {
		String summary = errors.stream().map(e -> e.get("field") + " " + e.get("message")).collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION_FAILED,
				"Validation failed", summary.isEmpty() ? "The request is not valid" : summary);
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, exchange);
	}

	/** An oversized body is only noticed while decoding; report it as the 413 it is. */
	@ExceptionHandler
	Mono<ResponseEntity<Object>> handleBodyLimit(DataBufferLimitException ex, ServerWebExchange exchange) {
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.BODY_TOO_LARGE,
				"Request body too large", "The request body is larger than this route accepts");
		return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, exchange);
	}

	/** Anything unexpected: a 500 whose body names the correlation id to find the stack trace by, and nothing else. */
	@ExceptionHandler
	Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		ProblemDetail clientError = ClientErrors.problemFor(ex, exchange);
		if (clientError != null) {
			return handleExceptionInternal(ex, clientError, new HttpHeaders(), HttpStatusCode.valueOf(clientError.getStatus()), exchange);
		}
		if (BackendUnavailable.matches(ex)) {
			var headers = new HttpHeaders();
			headers.set(HttpHeaders.RETRY_AFTER, BackendUnavailable.RETRY_AFTER_SECONDS);
			return handleExceptionInternal(ex, BackendUnavailable.problem(exchange, ex), headers, HttpStatus.SERVICE_UNAVAILABLE,
					exchange);
		}
		CorrelationIds.logging(exchange, () -> log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
				exchange.getRequest().getPath(), ex));
		return handleExceptionInternal(ex, ProblemWebExceptionHandler.internalError(), new HttpHeaders(),
				HttpStatus.INTERNAL_SERVER_ERROR, exchange);
	}

	/**
	 * Every problem leaves here: a client mistake the framework reported as something else becomes its 4xx, the
	 * framework's words become the client's ({@link ClientErrors}), and the body is problem+json whatever the
	 * {@code Accept} header asked for (a problem is never rendered as XML or an event stream, nor dropped for a 406).
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail clientError = ClientErrors.problemFor(ex, exchange);
		Object problemBody = clientError != null ? clientError
				: body == null && ex instanceof ErrorResponse response ? response.getBody() : body;
		HttpStatusCode answered = clientError != null ? HttpStatusCode.valueOf(clientError.getStatus()) : status;
		var problemHeaders = new HttpHeaders();
		problemHeaders.addAll(headers);
		if (problemBody instanceof ProblemDetail problem) {
			if (clientError == null) {
				ClientErrors.explain(ex, problem, exchange);
			}
			complete(problem, exchange);
			problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		}
		if (ex instanceof ServerErrorException && answered.is5xxServerError()) {
			// A framework 500 (a ServerErrorException) is as unexpected as any other: log it with its trace.
			CorrelationIds.logging(exchange, () -> log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
					exchange.getRequest().getPath(), ex));
		}
		return super.handleExceptionInternal(ex, problemBody, problemHeaders, answered, exchange);
	}

	/** Stable type by status where a framework left {@code about:blank}, the path, and the correlation id. */
	static void complete(ProblemDetail problem, ServerWebExchange exchange) {
		if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
			problem.setType(TYPE_BY_STATUS.getOrDefault(problem.getStatus(),
					problem.getStatus() >= 500 ? ProblemTypes.INTERNAL : ProblemTypes.INVALID_REQUEST));
		}
		if (problem.getInstance() == null) {
			problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		}
		CorrelationIds.of(exchange).ifPresent(id -> problem.setProperty(CorrelationIds.KEY, id));
	}

	private static Map<String, Object> fieldError(FieldError error) {
		return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
	}
}
