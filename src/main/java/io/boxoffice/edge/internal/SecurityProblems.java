package io.boxoffice.edge.internal;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.boxoffice.edge.ProblemTypes;

/** 401 and 403 as problem+json, with the {@code WWW-Authenticate} challenge RFC 6750 asks for. */
@Component
class SecurityProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final ProblemWriter writer;

	SecurityProblems(ProblemWriter writer) {
		this.writer = writer;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		var headers = exchange.getResponse().getHeaders();
		if (failure instanceof InvalidBearerTokenException) {
			String detail = describe(failure);
			headers.set(HttpHeaders.WWW_AUTHENTICATE,
					"Bearer error=\"invalid_token\", error_description=\"" + detail.replace("\"", "'") + "\"");
			return writer.write(exchange, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, ProblemTypes.INVALID_TOKEN,
					"Invalid token", detail));
		}
		headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		return writer.write(exchange, ProblemWriter.problem(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHENTICATED,
				"Authentication required", "This request needs a bearer token: send 'Authorization: Bearer <token>'"));
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
		return writer.write(exchange, ProblemWriter.problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
				"Your token does not carry a role that may do this"));
	}

	/** The decoder's messages are precise but wordy; keep the part a client can act on. */
	private static String describe(AuthenticationException failure) {
		var message = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			message.append(cause.getMessage()).append(' ');
		}
		if (message.indexOf("expired") >= 0) {
			return "The bearer token has expired; get a new one";
		}
		if (message.indexOf("signature") >= 0 || message.indexOf("Signed JWT rejected") >= 0) {
			return "The bearer token's signature does not verify";
		}
		if (message.indexOf("exp claim") >= 0) {
			return "The bearer token has no expiry (exp); only tokens that expire are accepted";
		}
		if (message.indexOf("sub claim") >= 0) {
			return "The bearer token names no user (sub)";
		}
		if (message.indexOf("aud claim") >= 0) {
			return "The bearer token is not meant for this service (aud)";
		}
		if (message.indexOf("iss claim") >= 0) {
			return "The bearer token was issued by someone we do not trust";
		}
		return "The bearer token is malformed or not valid";
	}
}
