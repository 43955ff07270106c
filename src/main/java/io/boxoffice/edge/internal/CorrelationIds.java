package io.boxoffice.edge.internal;

import java.util.Optional;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.slf4j.MDC;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.boxoffice.platform.RequestEventLoop;
import io.micrometer.context.ContextRegistry;

/**
 * Gives every request a correlation id: the caller's {@code X-Request-Id} when it is a sane token (so a
 * load balancer's id carries through), otherwise a new one. It is echoed in the response, put in every
 * problem body, and in the logging MDC: of the edge's error logs always ({@link #logging}), and of every log line
 * when Reactor's context propagation is {@code auto} (see {@code spring.reactor.context-propagation} in
 * application.yml for why it is {@code limited} by default), so one grep finds a failed request at 3 a.m.
 * Being first, it also marks the request's context with its event loop, for {@link RequestEventLoop#handOff}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIds implements WebFilter {

	public static final String HEADER = "X-Request-Id";
	public static final String KEY = "correlationId";
	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

	static {
		ContextRegistry.getInstance().registerThreadLocalAccessor(KEY, () -> MDC.get(KEY), id -> MDC.put(KEY, id),
				() -> MDC.remove(KEY));
	}

	public static Optional<String> of(ServerWebExchange exchange) {
		return Optional.ofNullable(exchange.getAttribute(KEY));
	}

	/** 128 random bits; not a UUID because SecureRandom would serialise every request on one lock. */
	static String newId() {
		var random = ThreadLocalRandom.current();
		return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
	}

	/** Runs {@code logging} with this exchange's correlation id in the MDC, whatever thread this is. */
	public static void logging(ServerWebExchange exchange, Runnable logging) {
		String id = exchange.getAttribute(KEY);
		if (id == null) {
			logging.run();
			return;
		}
		String previous = MDC.get(KEY);
		MDC.put(KEY, id);
		try {
			logging.run();
		}
		finally {
			if (previous == null) {
				MDC.remove(KEY);
			}
			else {
				MDC.put(KEY, previous);
			}
		}
	}

	/** A constant: WebFlux's filter chain names a checkpoint with it on every request. */
	@Override
	public String toString() {
		return "CorrelationIds";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
		String id = offered != null && SANE.matcher(offered).matches() ? offered : newId();
		exchange.getAttributes().put(KEY, id);
		exchange.getResponse().getHeaders().set(HEADER, id);
		return chain.filter(exchange).contextWrite(context -> RequestEventLoop.mark(context.put(KEY, id), exchange.getRequest()));
	}
}
