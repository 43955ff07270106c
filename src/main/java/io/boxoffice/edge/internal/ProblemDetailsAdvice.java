package io.boxoffice.edge.internal;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

import io.boxoffice.edge.ProblemTypes;

import tools.jackson.core.JacksonException;

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
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		ProblemDetail problem = ex.getBody();
		problem.setTitle("Invalid request");
		if (ex.getCause() instanceof TypeMismatchException mismatch && ex.getMethodParameter() != null) {
			String name = ex.getMethodParameter().getParameterName();
			problem.setType(ProblemTypes.INVALID_REQUEST);
			problem.setDetail("'" + name + "' must be " + describe(mismatch.getRequiredType()) + ", not '" + mismatch.getValue() + "'");
			problem.setProperty("parameter", name);
		}
		else if (ex.getCause() instanceof DecodingException decoding) {
			problem.setType(ProblemTypes.MALFORMED_BODY);
			problem.setTitle("Malformed request body");
			describeUnreadableBody(decoding, problem);
		}
		else if (ex.getReason() != null && ex.getReason().contains("body is missing")) {
			problem.setType(ProblemTypes.MALFORMED_BODY);
			problem.setTitle("Malformed request body");
			problem.setDetail("This request needs a JSON body");
		}
		return handleExceptionInternal(ex, problem, headers, status, exchange);
	}

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

	@Override
	protected Mono<ResponseEntity<Object>> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		Object problemBody = body == null && ex instanceof ErrorResponse response ? response.getBody() : body;
		if (problemBody instanceof ProblemDetail problem) {
			complete(problem, exchange);
		}
		return super.handleExceptionInternal(ex, problemBody, headers, status, exchange);
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

	private static void describeUnreadableBody(DecodingException decoding, ProblemDetail problem) {
		if (decoding.getCause() instanceof JacksonException jackson) {
			String field = jackson.getPath().stream()
				.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
				.collect(Collectors.joining(".")).replace(".[", "[");
			var location = jackson.getLocation();
			String where = location != null && location.getLineNr() > 0
					? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
			if (!field.isEmpty()) {
				problem.setProperty("field", field);
				problem.setDetail("The body's '" + field + "' is not valid: " + firstLine(jackson.getOriginalMessage()));
			}
			else {
				problem.setDetail("The request body is not valid JSON" + where + ": " + firstLine(jackson.getOriginalMessage()));
			}
		}
		else {
			problem.setDetail("The request body could not be read as JSON");
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "unreadable";
		}
		int newline = message.indexOf('\n');
		return newline < 0 ? message : message.substring(0, newline);
	}

	private static Map<String, Object> fieldError(FieldError error) {
		return Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage()));
	}

	private static String describe(Class<?> type) {
		if (type == null) {
			return "a valid value";
		}
		if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
			return "a whole number";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		return "a valid " + type.getSimpleName();
	}
}
