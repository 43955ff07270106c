package io.boxoffice.search.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crafted cursors are the caller's mistake: each is a 400 naming {@code after}, and however many arrive they never
 * count as Elasticsearch failures. A cursor with NaN in it used to reach Elasticsearch, fail there, and five of them
 * opened the search circuit breaker for everyone.
 */
@IntegrationTest
class BadCursorsIT {

	@Autowired
	WebTestClient http;

	@Autowired
	EventSearch search;

	@Test
	void manyCraftedCursorsAreBadRequestsAndLeaveTheBreakerClosed() {
		List<String> crafted = List.of("DATE\ndNaN\nl1", "DATE\nl1\ndNaN", "RELEVANCE\ndNaN\nl1\nl2", "RELEVANCE\ndInfinity\nl1\nl2",
				"DATE\nsabc\nl1", "DATE\nl1", "DATE\nl1\nl2\nl3", "DATE\nn\nn", "RELEVANCE\nsNaN\nl1\nl2", "DATE\nd1.5\nl2");
		for (int round = 0; round < 3; round++) {
			for (String plain : crafted) {
				String sort = plain.startsWith("RELEVANCE") ? "relevance" : "date";
				http.get().uri("/api/search?q=night&sort={sort}&after={after}", sort, encode(plain)).exchange()
					.expectStatus().isBadRequest()
					.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
					.expectBody()
					.jsonPath("$.type").isEqualTo("/problems/invalid-request")
					.jsonPath("$.parameter").isEqualTo("after");
			}
		}

		assertThat(search.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
		http.get().uri("/api/search?q=night").exchange().expectStatus().isOk();
	}

	private static String encode(String plain) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aParameterWithoutAValueIsLeftOutNotAServerError() {
		http.get().uri("/api/search?q&city&sort").exchange().expectStatus().isOk(); // the bare "q" was a NullPointerException, a 500
	}
}
