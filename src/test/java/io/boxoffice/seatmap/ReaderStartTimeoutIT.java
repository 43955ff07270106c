package io.boxoffice.seatmap;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A reader that cannot start in {@code start-timeout} closes its watchers with 1011 instead of leaving them waiting. */
@IntegrationTest
@TestPropertySource(properties = "boxoffice.seatmap.start-timeout=1s")
class ReaderStartTimeoutIT {

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient db;

	@Autowired
	ConnectionFactory connections;

	@Test
	void watchersOfAnEventWhoseLookupDoesNotAnswerAreClosedWith1011AndTheNextOneIsServed() {
		TestEvent event = new CatalogFixtures(db).event("Stuck", CatalogFixtures.unique("Stucktown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
		// The reader looks the event up in Postgres, which has no query timeout of its own: a transaction holding the
		// event table's strongest lock makes that lookup wait for as long as the lock is held.
		Connection locker = Mono.from(connections.create()).block(Duration.ofSeconds(10));
		try {
			Mono.from(locker.beginTransaction())
				.thenMany(Flux.from(locker.createStatement("LOCK TABLE event IN ACCESS EXCLUSIVE MODE").execute())
					.flatMap(result -> result.getRowsUpdated()))
				.then()
				.block(Duration.ofSeconds(10));
			try (Watcher waiting = Watcher.watch(port, event.id())) {
				assertThat(waiting.awaitClose(Duration.ofSeconds(10))).isEqualTo(1011);
				assertThat(waiting.messages).isEmpty();
			}
		}
		finally {
			Mono.from(locker.rollbackTransaction()).then(Mono.from(locker.close())).block(Duration.ofSeconds(10));
		}
		try (Watcher next = Watcher.watch(port, event.id())) {
			assertThat(next.snapshot().get("type")).isEqualTo("snapshot");
		}
	}
}
