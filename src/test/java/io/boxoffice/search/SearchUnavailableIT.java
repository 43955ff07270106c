package io.boxoffice.search;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Elasticsearch hanging: this context's Elasticsearch is a socket that accepts connections and never
 * answers (so without the breaker every search would wait out the timeout), and it runs no indexer.
 */
@IntegrationTest
@DirtiesContext
class SearchUnavailableIT {

	private static final Duration TIMEOUT = Duration.ofMillis(500);

	static ServerSocket blackHole;

	@Autowired
	WebTestClient http;

	@DynamicPropertySource
	static void elasticsearchThatNeverAnswers(DynamicPropertyRegistry registry) throws IOException {
		blackHole = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
		registry.add("boxoffice.elasticsearch.url", () -> "http://127.0.0.1:" + blackHole.getLocalPort());
		registry.add("boxoffice.search.indexer-enabled", () -> "false");
		registry.add("boxoffice.search.timeout", () -> TIMEOUT.toMillis() + "ms");
	}

	@AfterAll
	static void closeBlackHole() throws IOException {
		blackHole.close();
	}

	@Test
	void answers503FastOnceTheBreakerIsOpenWhileEventViewsKeepWorking() {
		assertThat(breakerStates()).as("closed before any search")
			.contains("resilience4j_circuitbreaker_state{application=\"boxoffice\",name=\"search\",state=\"closed\"} 1.0")
			.contains("resilience4j_circuitbreaker_state{application=\"boxoffice\",name=\"search\",state=\"open\"} 0.0");
		for (int attempt = 0; attempt < 5; attempt++) {
			http.get().uri("/api/search?q=anything" + attempt).exchange()
				.expectStatus().isEqualTo(503)
				.expectBody().jsonPath("$.type").isEqualTo("/problems/search-unavailable");
		}

		List<Long> millis = new ArrayList<>();
		for (int attempt = 0; attempt < 5; attempt++) {
			long started = System.nanoTime();
			http.get().uri("/api/search?q=open" + attempt).exchange()
				.expectStatus().isEqualTo(503)
				.expectBody().jsonPath("$.type").isEqualTo("/problems/search-unavailable");
			millis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
		}
		Collections.sort(millis);
		// Without the breaker each of these would wait out the timeout; the fastest shows the service's own
		// cost (the shared 2-core test machine adds its load to the others).
		assertThat(millis.get(4)).as("every answer without waiting for Elasticsearch: %s ms", millis).isLessThan(TIMEOUT.toMillis());
		assertThat(millis.get(0)).as("within 100 ms: %s ms", millis).isLessThan(100);

		http.get().uri("/api/events?size=1").exchange().expectStatus().isOk();
		assertThat(breakerStates()).as("the open breaker at the Prometheus endpoint")
			.contains("resilience4j_circuitbreaker_state{application=\"boxoffice\",name=\"search\",state=\"open\"} 1.0")
			.contains("resilience4j_circuitbreaker_state{application=\"boxoffice\",name=\"search\",state=\"closed\"} 0.0");
	}

	private String breakerStates() {
		String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		return String.join("\n", scrape.lines().filter(line -> line.startsWith("resilience4j_circuitbreaker_state{")).toList());
	}
}
