package io.boxoffice.edge;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Small buckets so that running one dry takes a handful of requests. */
@IntegrationTest
@TestPropertySource(properties = {
		"boxoffice.rate-limits.routes.reads.per-ip=3",
		"boxoffice.rate-limits.routes.reads.per-user=5",
		"boxoffice.rate-limits.routes.reads.period=1h",
		"boxoffice.rate-limits.routes.admin.per-user=2",
		"boxoffice.rate-limits.routes.admin.period=1h" })
class RateLimitIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Test
	void anAnonymousAddressGetsItsQuotaThenA429WithRetryAfter() {
		for (int remaining = 2; remaining >= 0; remaining--) {
			int expected = remaining;
			http.get().uri("/api/events/999999999").header("X-Test", "anon").exchange()
				.expectStatus().isNotFound()
				.expectHeader().valueEquals("RateLimit-Policy", "\"reads\";q=3;w=3600")
				.expectHeader().value("RateLimit", value -> assertThat(value).startsWith("\"reads\";r=" + expected + ";"));
		}
		http.get().uri("/api/events/999999999").exchange()
			.expectStatus().isEqualTo(429)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(1L, 1200L))
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/rate-limited")
			.jsonPath("$.routeClass").isEqualTo("reads");

		// A signed-in user on the same address has a bucket of their own.
		http.get().uri("/api/events/999999999").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("reader-1"))).exchange()
			.expectStatus().isNotFound()
			.expectHeader().valueEquals("RateLimit-Policy", "\"reads\";q=5;w=3600");
	}

	@Test
	void eachUserHasTheirOwnBucketPerRouteClass() {
		String alice = TestTokens.bearer(tokens.admin("rate-alice"));
		String bob = TestTokens.bearer(tokens.admin("rate-bob"));
		for (int i = 0; i < 2; i++) {
			http.get().uri("/api/admin/nothing-here").header(HttpHeaders.AUTHORIZATION, alice).exchange()
				.expectStatus().isNotFound();
		}
		http.get().uri("/api/admin/nothing-here").header(HttpHeaders.AUTHORIZATION, alice).exchange()
			.expectStatus().isEqualTo(429)
			.expectBody().jsonPath("$.routeClass").isEqualTo("admin");
		http.get().uri("/api/admin/nothing-here").header(HttpHeaders.AUTHORIZATION, bob).exchange()
			.expectStatus().isNotFound();
	}

	/**
	 * Bucket4j completes its check on Lettuce's I/O thread; the request must go on on its own event loop, not on
	 * that one thread (which every other Redis reply of the connection waits behind).
	 */
	@Test
	void aRequestGoesOnOnItsOwnEventLoopAfterTheRedisCheck() {
		http.get().uri("/api/test/thread").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("rate-thread"))).exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("RateLimit-Policy", "\"reads\";q=5;w=3600")
			.expectBody(String.class).value(thread -> assertThat(thread).startsWith("webflux-http-")); // the server's event loops
	}

	/** Answers the name of the thread its handler runs on. */
	@TestConfiguration(proxyBeanMethods = false)
	static class ThreadProbe {

		@Bean
		RouterFunction<ServerResponse> threadProbe() {
			return RouterFunctions.route(RequestPredicates.GET("/api/test/thread"),
					request -> ServerResponse.ok().bodyValue(Thread.currentThread().getName()));
		}
	}
}
