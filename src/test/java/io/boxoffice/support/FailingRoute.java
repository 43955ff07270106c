package io.boxoffice.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** A route that fails the way a bug would, to prove a 500 leaks nothing but a correlation id. */
@TestConfiguration(proxyBeanMethods = false)
public class FailingRoute {

	public static final String PATH = "/api/test-only/boom";
	public static final String SECRET = "db password is hunter2";

	@Bean
	RouterFunction<ServerResponse> failingRoute() {
		return RouterFunctions.route()
			.GET(PATH, request -> {
				throw new IllegalStateException(SECRET);
			})
			.build();
	}
}
