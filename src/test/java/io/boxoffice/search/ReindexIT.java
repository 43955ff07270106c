package io.boxoffice.search;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class ReindexIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	TestTokens tokens;

	@Autowired
	ElasticsearchAsyncClient elasticsearch;

	@Autowired
	SearchIndexing indexing;

	@Test
	void rebuildsEveryEventIntoTheNextIndexAndSwapsTheAlias() throws Exception {
		indexing.reindexIfStale().block(Duration.ofMinutes(2));
		String before = aliasTarget();
		// Not announced on the change stream: only a rebuild from PostgreSQL can find it.
		String city = CatalogFixtures.unique("Quietville");
		new CatalogFixtures(db).event("Unannounced Recital", city, Category.THEATRE, Instant.now().plus(2, ChronoUnit.DAYS));

		http.post().uri("/api/admin/search/reindex").exchange().expectStatus().isUnauthorized();
		http.post().uri("/api/admin/search/reindex").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("fan")))
			.exchange().expectStatus().isForbidden();
		http.post().uri("/api/admin/search/reindex").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.admin("ops")))
			.exchange().expectStatus().isAccepted();

		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
			.until(() -> !aliasTarget().equals(before));
		assertThat(aliasTarget()).isEqualTo("events-v" + (Integer.parseInt(before.substring("events-v".length())) + 1));
		// The old index is deleted just after the swap, not with it: wait for that too.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
				elasticsearch.indices().exists(b -> b.index(before)).get().value()).as("old index deleted").isFalse());
		long events = db.sql("SELECT count(*) AS n FROM event").map((row, meta) -> row.get("n", Long.class)).one().block();
		assertThat(elasticsearch.count(b -> b.index("events")).get().count()).isEqualTo(events);
		http.get().uri("/api/search?city=" + city).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.items[0].name").isEqualTo("Unannounced Recital");
		assertThat(indexing.reindexIfStale().blockOptional(Duration.ofMinutes(1))).as("nothing stale after a rebuild").isEmpty();
	}

	private String aliasTarget() throws Exception {
		return elasticsearch.indices().getAlias(b -> b.name("events")).get().result().keySet().iterator().next();
	}
}
