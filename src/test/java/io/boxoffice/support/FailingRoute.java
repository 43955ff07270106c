package io.boxoffice.support;

import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Routes that fail the way a bug would (a 500 must leak nothing but a correlation id) and the way a backing
 * service does under a surge (a command timing out must be a 503 with Retry-After), both through a functional
 * route (the edge's WebExceptionHandler) and through a controller (its controller advice).
 */
@TestConfiguration(proxyBeanMethods = false)
public class FailingRoute {

	public static final String PATH = "/api/test-only/boom";
	public static final String SECRET = "db password is hunter2";
	public static final String TIMEOUT_ROUTE = "/api/test-only/redis-timeout";
	public static final String TIMEOUT_CONTROLLER = "/api/test-only/controller-redis-timeout";

	@Bean
	RouterFunction<ServerResponse> failingRoute() {
		return RouterFunctions.route()
			.GET(PATH, request -> {
				throw new IllegalStateException(SECRET);
			})
			.GET(TIMEOUT_ROUTE, request -> Mono.error(new QueryTimeoutException("Redis command timed out after 2 second(s)")))
			.build();
	}

	/**
	 * Registered as a member class wherever this configuration is imported; {@code @TestComponent} keeps component
	 * scanning from registering it everywhere else.
	 */
	@TestComponent
	@RestController
	static class TimingOutController {

		@GetMapping(TIMEOUT_CONTROLLER)
		Mono<String> timesOut() {
			return Mono.error(new QueryTimeoutException("Redis command timed out after 2 second(s)"));
		}
	}
}
