package io.boxoffice.bench;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * BENCHMARK ONLY (profile {@code bench}): the lower rungs of the edge ladder (loadtest/bench-edge-ladder.sh).
 * {@code GET /bench/bare} is answered by a filter ahead of every filter of the application's: WebFlux on Netty and
 * nothing else. {@code GET /bench/secured} is a route behind every filter (correlation ids, load shedding, Spring
 * Security) except the rate limits, which only limit {@code /api} and {@code /ws}. The next rungs are the real
 * {@code /api/time} (+ rate limits) and {@code /api/events/{id}} (the event view).
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class EdgeLadder {

	private static final byte[] OK = "{\"ok\":true}".getBytes(StandardCharsets.US_ASCII);

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE) // at the head of the chain, with the correlation id filter
	WebFilter bareEndpoint() {
		return (exchange, chain) -> {
			if (!exchange.getRequest().getPath().value().equals("/bench/bare")) {
				return chain.filter(exchange);
			}
			var response = exchange.getResponse();
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(OK)));
		};
	}

	@Bean
	RouterFunction<ServerResponse> securedEndpoint() {
		return RouterFunctions.route(RequestPredicates.GET("/bench/secured"),
				request -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(OK));
	}
}
