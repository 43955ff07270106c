package io.boxoffice.edge.internal;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import io.boxoffice.edge.Problem;
import io.boxoffice.edge.ProblemTypes;

/**
 * The client's mistakes that the framework reports, in the client's terms. Spring's own details name our classes
 * and echo the request ({@code Content type 'text/plain' not supported for bodyType=io.boxoffice…$HoldRequest}, every
 * header of a WebSocket handshake that was not one, bearer token included); and some client mistakes reach us as
 * exceptions that would be a 500 (a malformed {@code Content-Type} or {@code Accept}, a blank path variable, a
 * query parameter the firewall refuses once a controller reads it). This is the one place that says what is wrong
 * instead, for {@link ProblemDetailsAdvice} and {@link ProblemWebExceptionHandler} alike.
 */
final class ClientErrors {

	/** Text a client must never see in a problem: our packages, the JDK's, Jackson's, inner classes, exceptions. */
	private static final Pattern INTERNALS = Pattern.compile("io\\.boxoffice|java\\.|tools\\.jackson|com\\.fasterxml|\\$[A-Z]|Exception|\\bat [a-z]+\\.");
	private static final String JSON = "application/json";

	private ClientErrors() {
	}

	/**
	 * The problem for a client mistake that does not carry one of its own (or carries a 500 it does not deserve);
	 * null when the failure is not the client's doing.
	 */
	static ProblemDetail problemFor(Throwable failure, ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (failure instanceof InvalidMediaTypeException invalid) {
			List<String> contentTypes = headers.getOrEmpty(HttpHeaders.CONTENT_TYPE);
			if (contentTypes.contains(invalid.getMediaType()) || headers.getOrEmpty(HttpHeaders.ACCEPT).isEmpty()) {
				return ProblemWriter.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
						"Unsupported media type", "The Content-Type header is not a media type this API reads (a malformed type, "
								+ "or an unknown charset); send " + JSON + " in UTF-8");
			}
			return ProblemWriter.problem(HttpStatus.NOT_ACCEPTABLE, ProblemTypes.NOT_ACCEPTABLE, "Not acceptable",
					"The Accept header is not a list of media types; accept " + JSON);
		}
		if (failure instanceof ServerExchangeRejectedException rejected) {
			return ProblemWriter.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Request refused", rejected.getMessage());
		}
		if (failure instanceof ServerErrorException serverError && isPathVariable(serverError.getMethodParameter())) {
			// A path variable that is there but converts to nothing (a blank booking id, "/api/bookings/%20%20").
			String name = serverError.getMethodParameter().getParameterName();
			ProblemDetail problem = ProblemWriter.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
					"'" + name + "' in the path must not be blank");
			problem.setProperty("parameter", name);
			return problem;
		}
		return null;
	}

	/** Rewrites the detail of a problem the framework made, where the framework's words are not the client's. */
	static void explain(Throwable failure, ProblemDetail problem, ServerWebExchange exchange) {
		if (failure instanceof Problem) {
			return; // ours: already in the client's terms
		}
		String path = exchange.getRequest().getPath().value();
		if (failure instanceof ServerWebInputException input) {
			explainInput(input, problem, path);
		}
		else if (failure instanceof UnsupportedMediaTypeStatusException unsupported) {
			problem.setDetail("This route reads " + JSON + (unsupported.getContentType() == null ? "; send a Content-Type header"
					: ", not " + unsupported.getContentType().getType() + "/" + unsupported.getContentType().getSubtype()));
		}
		else if (failure instanceof NotAcceptableStatusException) {
			problem.setDetail("This route answers " + JSON + " (and errors as application/problem+json); the Accept header allows neither");
		}
		else if (failure instanceof MethodNotAllowedException notAllowed) {
			problem.setDetail(notAllowed.getHttpMethod() + " is not allowed here; allowed: " + notAllowed.getSupportedMethods());
		}
		else if (problem.getStatus() == HttpStatus.NOT_FOUND.value() && failure instanceof ResponseStatusException) {
			problem.setDetail("No such page: " + path);
		}
		if (problem.getDetail() != null && INTERNALS.matcher(problem.getDetail()).find()) {
			problem.setDetail(HttpStatus.valueOf(problem.getStatus()).getReasonPhrase()); // never pass internals on
		}
	}

	private static void explainInput(ServerWebInputException input, ProblemDetail problem, String path) {
		problem.setTitle("Invalid request");
		MethodParameter parameter = input.getMethodParameter();
		if (input.getCause() instanceof TypeMismatchException mismatch && parameter != null) {
			String name = parameter.getParameterName();
			problem.setType(ProblemTypes.INVALID_REQUEST);
			String value = String.valueOf(mismatch.getValue());
			problem.setDetail("'" + name + "' must be " + UnreadableBodies.kind(mismatch.getRequiredType(), name) + ", not '"
					+ (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
			problem.setProperty("parameter", name);
		}
		else if (input.getCause() instanceof DecodingException decoding) {
			problem.setType(ProblemTypes.MALFORMED_BODY);
			problem.setTitle("Malformed request body");
			UnreadableBodies.describe(decoding, problem);
		}
		else if (input.getReason() != null && input.getReason().contains("body is missing")) {
			problem.setType(ProblemTypes.MALFORMED_BODY);
			problem.setTitle("Malformed request body");
			problem.setDetail("This request needs a JSON body");
		}
		else if (path.startsWith("/ws/")) {
			// The handshake's own message lists every request header, the bearer token and cookies among them.
			problem.setDetail("This is a WebSocket endpoint: open it with a WebSocket client (a GET with 'Connection: Upgrade', "
					+ "'Upgrade: websocket' and a 'Sec-WebSocket-Key')");
		}
		else if (input.getReason() == null || INTERNALS.matcher(input.getReason()).find()) {
			problem.setDetail("The request is not valid");
		}
	}

	private static boolean isPathVariable(MethodParameter parameter) {
		return parameter != null && parameter.hasParameterAnnotation(PathVariable.class);
	}
}
