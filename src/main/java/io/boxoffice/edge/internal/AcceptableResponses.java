package io.boxoffice.edge.internal;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.boxoffice.edge.ProblemTypes;

/**
 * Refuses an {@code /api/} request whose {@code Accept} header rules out JSON (or cannot be parsed) with a 406
 * before the route runs. Without it the route ran first and only writing its answer failed: an admin's
 * {@code POST} with {@code Accept: application/xml} created the performer and then answered 406, so the client
 * saw a refusal for a change that was made.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class AcceptableResponses implements WebFilter {

	private final ProblemWriter writer;

	AcceptableResponses(ProblemWriter writer) {
		this.writer = writer;
	}

	/** A constant: WebFlux's filter chain names a checkpoint with it on every request. */
	@Override
	public String toString() {
		return "AcceptableResponses";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		List<String> accept = exchange.getRequest().getHeaders().get(HttpHeaders.ACCEPT);
		if (accept == null || !exchange.getRequest().getPath().value().startsWith("/api/") || acceptsJson(accept)) {
			return chain.filter(exchange);
		}
		return writer.write(exchange, ProblemWriter.problem(HttpStatus.NOT_ACCEPTABLE, ProblemTypes.NOT_ACCEPTABLE, "Not acceptable",
				"This API answers application/json (errors as application/problem+json); the Accept header rules both out "
						+ "or is not a list of media types"));
	}

	static boolean acceptsJson(List<String> accept) {
		if (accept.size() == 1 && (accept.get(0).equals("application/json") || accept.get(0).equals("*/*"))) {
			return true; // what clients send; no parsing on the hot path
		}
		try {
			for (MediaType type : MediaType.parseMediaTypes(accept)) {
				if (type.getQualityValue() > 0 && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
						|| type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))) {
					return true;
				}
			}
			return false;
		}
		catch (IllegalArgumentException malformed) { // InvalidMediaTypeException among others
			return false;
		}
	}
}
