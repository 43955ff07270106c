package io.boxoffice.edge.internal;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.boxoffice.edge.ProblemTypes;

/**
 * Refuses oversized bodies with a 413 before they are buffered: at once when {@code Content-Length} says
 * so, and while streaming when a chunked body grows past the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class BodySizeLimit implements WebFilter {

	private static final long DRAIN_AT_MOST = 1024 * 1024;

	private final EdgeSettings settings;
	private final ProblemWriter writer;

	BodySizeLimit(EdgeSettings settings, ProblemWriter writer) {
		this.settings = settings;
		this.writer = writer;
	}

	/** A constant: WebFlux's filter chain names a checkpoint with it on every request. */
	@Override
	public String toString() {
		return "BodySizeLimit";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long limit = limitFor(exchange.getRequest());
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > limit) {
			return writer.write(exchange, tooLarge(limit));
		}
		if (declared >= 0) {
			return chain.filter(exchange); // the server reads no more than the declared length
		}
		var counting = new ServerHttpRequestDecorator(exchange.getRequest()) {
			@Override
			public Flux<DataBuffer> getBody() {
				var seen = new AtomicLong();
				// Past the limit, keep reading and dropping (up to a hard cap) and fail only at the end: a server
				// that answers while the client is still sending resets the connection, and the client never
				// sees the 413.
				Flux<DataBuffer> counted = super.getBody().handle((buffer, sink) -> {
					long total = seen.addAndGet(buffer.readableByteCount());
					if (total <= limit) {
						sink.next(buffer);
						return;
					}
					DataBufferUtils.release(buffer);
					if (total > limit + DRAIN_AT_MOST) {
						sink.error(new BodyTooLargeException(tooLarge(limit)));
					}
				});
				return counted.concatWith(Mono.defer(() -> seen.get() > limit
						? Mono.error(new BodyTooLargeException(tooLarge(limit))) : Mono.empty()));
			}
		};
		return chain.filter(exchange.mutate().request(counting).build());
	}

	private long limitFor(ServerHttpRequest request) {
		return request.getPath().value().startsWith("/api/admin/") ? settings.maxAdminBodySize().toBytes()
				: settings.maxBodySize().toBytes();
	}

	private static org.springframework.http.ProblemDetail tooLarge(long limit) {
		return ProblemWriter.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.BODY_TOO_LARGE, "Request body too large",
				"The request body is larger than the " + limit + " bytes this route accepts");
	}

	static class BodyTooLargeException extends org.springframework.web.ErrorResponseException {
		BodyTooLargeException(org.springframework.http.ProblemDetail problem) {
			super(HttpStatus.CONTENT_TOO_LARGE, problem, null);
		}
	}
}
