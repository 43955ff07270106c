package io.boxoffice.search.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.outbox.Topics;
import io.boxoffice.search.SearchIndexing;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change made while a rebuild runs must be in the rebuilt index: the rebuild is held (deterministically, by
 * its before-swap hook) after it has copied every event, the test renames an event and waits until the indexer
 * has processed the change, then lets the rebuild swap the alias.
 */
@IntegrationTest
class ReindexDuringChangesIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	ElasticsearchAsyncClient elasticsearch;

	@Autowired
	SearchIndexing indexing;

	@Autowired
	Reindexer reindexer;

	@AfterEach
	void releaseHook() {
		reindexer.beforeSwap = Mono::empty;
	}

	@Test
	void aChangeMadeDuringARebuildIsInTheRebuiltIndex() throws Exception {
		indexing.reindexIfStale().block(Duration.ofMinutes(2));
		String city = CatalogFixtures.unique("Midrebuild");
		TestEvent event = new CatalogFixtures(db).event("Original Overture", city, Category.CONCERT, Instant.now().plus(3, ChronoUnit.DAYS));
		announce(event);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.until(() -> "Original Overture".equals(indexedName("events", event)));
		String before = aliasTarget("events");

		CountDownLatch copied = new CountDownLatch(1);
		CompletableFuture<Void> release = new CompletableFuture<>();
		reindexer.beforeSwap = () -> Mono.fromRunnable(copied::countDown).then(Mono.fromFuture(release));
		CompletableFuture<SearchIndexing.ReindexResult> rebuild = reindexer.reindex().toFuture();
		assertThat(copied.await(2, TimeUnit.MINUTES)).as("the rebuild copied every event").isTrue();

		String next = aliasTarget("events-rebuilding");
		assertThat(next).isNotEqualTo(before);
		assertThat(aliasTarget("events")).as("searches still use the old index").isEqualTo(before);
		assertThat(indexedName(next, event)).as("copied before the change").isEqualTo("Original Overture");

		db.sql("UPDATE event SET name = 'Renamed Rhapsody', version = version + 1 WHERE id = :id").bind("id", event.id()).then().block();
		announce(event);
		// The indexer has handled the change once the alias (still the old index) shows it.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.until(() -> "Renamed Rhapsody".equals(indexedName("events", event)));
		assertThat(rebuild).as("still held before the swap").isNotDone();

		release.complete(null);
		SearchIndexing.ReindexResult result = rebuild.get(2, TimeUnit.MINUTES);
		assertThat(result.index()).isEqualTo(next);
		assertThat(aliasTarget("events")).isEqualTo(next);
		assertThat(elasticsearch.indices().existsAlias(b -> b.name("events-rebuilding")).get().value())
			.as("the rebuilding alias ends with the swap").isFalse();
		assertThat(indexedName("events", event)).as("the change survived the swap").isEqualTo("Renamed Rhapsody");
		http.get().uri("/api/search?city=" + city + "&q=rhapsody&size=7").exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("Renamed Rhapsody");
	}

	private void announce(TestEvent event) {
		long version = db.sql("SELECT version FROM event WHERE id = :id").bind("id", event.id())
			.map((row, meta) -> row.get("version", Long.class)).one().block();
		db.sql("INSERT INTO outbox (topic, key, type, payload) VALUES (:topic, :key, 'EventUpdated', CAST(:payload AS jsonb))")
			.bind("topic", Topics.CATALOG_EVENT_CHANGED).bind("key", String.valueOf(event.id()))
			.bind("payload", "{\"eventId\":" + event.id() + ",\"version\":" + version + "}").then().block();
	}

	private String indexedName(String index, TestEvent event) throws Exception {
		var response = elasticsearch.get(b -> b.index(index).id(Long.toString(event.id())), EventDocument.class).get();
		return response.found() ? response.source().name() : null;
	}

	private String aliasTarget(String alias) throws Exception {
		return elasticsearch.indices().getAlias(b -> b.name(alias)).get().result().keySet().iterator().next();
	}
}
