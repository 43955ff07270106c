package io.boxoffice.seatmap;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live seat map of one instance, against real Redis and Postgres, with holds made over HTTP. */
@IntegrationTest
class LiveSeatMapIT {

	@LocalServerPort
	int port;

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	io.micrometer.core.instrument.MeterRegistry meters;

	TestEvent event;
	List<Long> seats;

	@BeforeEach
	void setUp() {
		event = new CatalogFixtures(db).event("Live", CatalogFixtures.unique("Livetown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
		seats = event.frontSeatIds();
	}

	@Test
	void snapshotThenHeldAndFreeDeltasWithGrowingVersions() {
		String earlier = holdId(hold("ada", seats.subList(0, 1)));
		try (Watcher watcher = Watcher.watch(port, event.id())) {
			Map<String, Object> snapshot = watcher.snapshot();
			assertThat(snapshot.get("type")).isEqualTo("snapshot");
			assertThat(Watcher.seats(snapshot, "held")).containsExactly(seats.get(0));
			assertThat(Watcher.seats(snapshot, "sold")).isEmpty();
			long start = Watcher.version(snapshot);

			String holdId = holdId(hold("bob", seats.subList(1, 3)));
			var held = watcher.awaitChange(seats.get(1), "held", Duration.ofSeconds(2));
			assertThat(Watcher.changes(held)).hasSize(2);
			assertThat(Watcher.version(held)).isEqualTo(start + 1);

			release("bob", holdId);
			release("ada", earlier);
			watcher.awaitChange(seats.get(0), "free", Duration.ofSeconds(2));
			assertThat(watcher.deltas()).extracting(Watcher::version).containsExactly(start + 1, start + 2, start + 3);
		}
	}

	@Test
	void aClientJoiningLaterGetsTheSameStateAsASnapshot() {
		try (Watcher first = Watcher.watch(port, event.id())) {
			long start = Watcher.version(first.snapshot());
			hold("ada", seats.subList(0, 2));
			first.awaitChange(seats.get(1), "held", Duration.ofSeconds(2));
			try (Watcher second = Watcher.watch(port, event.id())) {
				Map<String, Object> snapshot = second.snapshot();
				assertThat(Watcher.version(snapshot)).isEqualTo(start + 1);
				assertThat(Watcher.seats(snapshot, "held")).containsExactly(seats.get(0), seats.get(1));
			}
		}
	}

	@Test
	void reconnectingWithSinceReplaysOnlyWhatWasMissed() {
		long start;
		try (Watcher watcher = Watcher.watch(port, event.id())) {
			start = Watcher.version(watcher.snapshot());
		}
		String holdId = holdId(hold("ada", seats.subList(0, 1)));
		hold("bob", seats.subList(1, 2));
		release("ada", holdId);
		try (Watcher back = Watcher.watch(port, "/ws/events/" + event.id() + "/availability?since=" + (start + 1))) {
			back.awaitChange(seats.get(0), "free", Duration.ofSeconds(5));
			assertThat(back.messages).noneMatch(message -> "snapshot".equals(message.get("type")));
			assertThat(back.deltas()).extracting(Watcher::version).containsExactly(start + 2, start + 3);
			assertThat(Watcher.changes(back.deltas().get(0))).containsExactly(Map.of("seatId", seats.get(1).intValue(), "status", "held"));
		}
	}

	@Test
	void concurrentHoldsArriveInStrictlyIncreasingVersionsWithEveryChange() {
		try (Watcher watcher = Watcher.watch(port, event.id())) {
			long start = Watcher.version(watcher.snapshot());
			var tenSeats = event.seatIds().stream().filter(seats::contains).toList();
			reactor.core.publisher.Flux.range(0, tenSeats.size())
				.flatMap(i -> http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("user" + i)))
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(Map.of("eventId", event.id(), "seatIds", List.of(tenSeats.get(i))))
					.exchange().returnResult(Void.class).getResponseBody().then(), 10)
				.blockLast(Duration.ofSeconds(30));
			await().atMost(Duration.ofSeconds(5)).until(() -> watcher.deltas().size() == tenSeats.size());
			assertThat(watcher.deltas()).extracting(Watcher::version)
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(start + 1, start + tenSeats.size()).boxed().toList());
			assertThat(watcher.deltas()).flatExtracting(Watcher::changes).extracting(change -> ((Number) change.get("seatId")).longValue())
				.containsExactlyInAnyOrderElementsOf(tenSeats);
		}
	}

	@Test
	void anUnknownEventIsClosedWith4404() {
		try (Watcher watcher = Watcher.watch(port, 987_654_321L)) {
			assertThat(watcher.awaitClose(Duration.ofSeconds(10))).isEqualTo(4404);
			assertThat(watcher.closeReason).isEqualTo("No such event");
			assertThat(watcher.messages).isEmpty();
		}
	}

	@Test
	void aClientThatFloodsTheServerWithMessagesIsClosedWith4413() {
		try (Watcher chatty = Watcher.chatty(port, event.id(), 50)) {
			assertThat(chatty.awaitClose(Duration.ofSeconds(10))).isEqualTo(4413);
		}
	}

	@Test
	void theReaderOfAnEventStopsWhenItsLastClientLeaves() {
		var readers = meters.get("boxoffice.seatmap.readers").gauge();
		var connections = meters.get("boxoffice.seatmap.connections").gauge();
		try (Watcher one = Watcher.watch(port, event.id()); Watcher two = Watcher.watch(port, event.id())) {
			one.snapshot();
			two.snapshot();
			assertThat(readers.value()).isEqualTo(1);
			assertThat(connections.value()).isEqualTo(2);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> readers.value() == 0 && connections.value() == 0);
	}

	private WebTestClient.ResponseSpec hold(String user, List<Long> seatIds) {
		return http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user(user)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("eventId", event.id(), "seatIds", seatIds))
			.exchange()
			.expectStatus().isCreated();
	}

	private String holdId(WebTestClient.ResponseSpec created) {
		return (String) created.expectBody(Map.class).returnResult().getResponseBody().get("holdId");
	}

	private void release(String user, String holdId) {
		http.delete().uri("/api/holds/" + holdId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user(user)))
			.exchange().expectStatus().isNoContent();
	}
}
