package io.boxoffice.holds;

import io.boxoffice.support.MutableClock;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;

import static org.awaitility.Awaitility.await;

/**
 * A hold whose client hangs up mid-request still runs to its end and records its answer under the
 * Idempotency-Key, so the client's retry gets its hold instead of "in flight" for the hold's lifetime.
 */
@HoldsIntegrationTest
class HoldRunsToTheEndIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ConnectionFactory connections;

	@Autowired
	MutableClock clock;

	@LocalServerPort
	int port;

	@Test
	void aHoldWhoseClientDisconnectedIsRecordedSoTheRetryReplaysIt() {
		TestEvent event = new CatalogFixtures(db).event("Hangup", CatalogFixtures.unique("Hangtown"), Category.CONCERT,
				clock.instant().plus(5, ChronoUnit.DAYS));
		String bearer = TestTokens.bearer(tokens.user("hangup-hal"));
		Map<String, Object> body = Map.of("eventId", event.id(), "seatIds", List.of(event.frontSeatIds().get(0)));
		// The first hold of an event reads it from Postgres: a lock on the table keeps the request waiting there.
		Connection locker = Mono.from(connections.create()).block();
		try {
			Mono.from(locker.beginTransaction()).block();
			Flux.from(locker.createStatement("LOCK TABLE event IN ACCESS EXCLUSIVE MODE").execute()).blockLast();
			Disposable request = WebClient.create("http://127.0.0.1:" + port).post().uri("/api/holds")
				.header(HttpHeaders.AUTHORIZATION, bearer)
				.header("Idempotency-Key", "hangup-1")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body)
				.retrieve()
				.toBodilessEntity()
				.subscribe(response -> {
				}, error -> {
				});
			await().atMost(Duration.ofSeconds(20)).until(() -> db.sql("""
					SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%on_sale_at, starts_at FROM event%'""")
				.map((row, meta) -> row.get(0, Long.class)).one().block() > 0);
			request.dispose(); // the client hangs up while the hold waits
		}
		finally {
			Mono.from(locker.rollbackTransaction()).block();
			Mono.from(locker.close()).block();
		}

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> http.post().uri("/api/holds")
			.header(HttpHeaders.AUTHORIZATION, bearer)
			.header("Idempotency-Key", "hangup-1")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "true"));
	}
}
