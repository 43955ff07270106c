package io.boxoffice.support;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes that answer only when the test opens their {@link Gate}: requests that stay in flight as long as the test
 * needs, with no sleeping, to fill the concurrency limit. One is an anonymous read, one sits on the checkout path.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SlowRoute {

	public static final String READ = "/api/test-only/slow";
	public static final String CHECKOUT = "/api/bookings/test-only/slow";

	@Bean
	Gate slowRouteGate() {
		return new Gate();
	}

	@Bean
	RouterFunction<ServerResponse> slowRoute(Gate gate) {
		return RouterFunctions.route()
			.GET(READ, request -> gate.passage().then(ServerResponse.ok().bodyValue("through")))
			.GET(CHECKOUT, request -> gate.passage().then(ServerResponse.ok().bodyValue("through")))
			.build();
	}

	/** Holds every request that reaches it until {@link #open}; then closes again for the next ones. */
	public static final class Gate {

		private volatile Sinks.Empty<Void> sink = Sinks.empty();

		Mono<Void> passage() {
			return sink.asMono();
		}

		public void open() {
			Sinks.Empty<Void> opening = sink;
			sink = Sinks.empty();
			opening.tryEmitEmpty();
		}
	}
}
