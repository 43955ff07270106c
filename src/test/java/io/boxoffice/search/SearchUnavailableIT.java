package io.boxoffice.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Elasticsearch "down": this context points at a closed port (and runs no indexer). */
@IntegrationTest
@TestPropertySource(properties = { "boxoffice.elasticsearch.url=http://127.0.0.1:1", "boxoffice.search.indexer-enabled=false" })
class SearchUnavailableIT {

	@Autowired
	WebTestClient http;

	@Test
	void answers503QuicklyOnceTheBreakerIsOpenWhileEventViewsKeepWorking() {
		for (int attempt = 0; attempt < 10; attempt++) {
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
		assertThat(millis.get(2)).as("median of %s ms", millis).isLessThan(100);

		http.get().uri("/api/events?size=1").exchange().expectStatus().isOk();
	}
}
