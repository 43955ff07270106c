package io.boxoffice.edge.internal;

import java.net.URI;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes a problem+json from a web filter (security, rate limits, body limits run before any controller),
 * with the same codecs, so it reads exactly like the problems controllers return.
 */
@Component
public class ProblemWriter {

	private final ServerResponse.Context context;

	ProblemWriter(ServerCodecConfigurer codecs) {
		this.context = new ServerResponse.Context() {
			@Override
			public List<HttpMessageWriter<?>> messageWriters() {
				return codecs.getWriters();
			}

			@Override
			public List<ViewResolver> viewResolvers() {
				return List.of();
			}
		};
	}

	public static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return problem;
	}

	/** Writes the problem unless the response is already committed; headers set before are kept. */
	public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
		CorrelationIds.of(exchange).ifPresent(id -> problem.setProperty("correlationId", id));
		return ServerResponse.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyValue(problem)
			.flatMap(response -> response.writeTo(exchange, context));
	}
}
