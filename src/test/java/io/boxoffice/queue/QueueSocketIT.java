package io.boxoffice.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code WS /ws/queue/{ticket}}: positions only ever go down, the admission arrives once, a reconnect keeps the place. */
@QueueIntegrationTest
class QueueSocketIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	PositionFeeds feeds;

	@LocalServerPort
	int port;

	QueueApi api;
	TestEvent event;

	@BeforeEach
	void setUp() {
		api = new QueueApi(http, tokens);
		event = new CatalogFixtures(db).event("Live", CatalogFixtures.unique("Livetown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
	}

	@Test
	void positionsGoDownToTheAdmissionAndTheSocketThenCloses() {
		api.pace(event.id(), "ON", WaitingRoomIT.STILL, 1, null);
		String ada = api.ticket("ada", event.id());
		api.awaitAdmitted("ada", ada);
		api.ticket("bob", event.id());
		api.ticket("cy", event.id());
		String dan = api.ticket("dan", event.id());

		try (var socket = new PositionSocket(port, dan)) {
			assertThat(socket.awaitMessage("position", Duration.ofSeconds(10))).containsEntry("position", 3).containsKey("estimatedWait");
			api.pace(event.id(), "ON", 2, 1, null);
			socket.awaitMessage("admitted", Duration.ofSeconds(20));
			assertThat(socket.awaitClose(Duration.ofSeconds(5))).isEqualTo(1000);
			assertThat(socket.positions()).startsWith(3L).isSortedAccordingTo((a, b) -> Long.compare(b, a)).doesNotHaveDuplicates();
			assertThat(socket.messages.stream().filter(message -> "admitted".equals(message.get("type")))).hasSize(1);
		}
		assertThat(api.placeOf("dan", dan)).containsEntry("state", "ADMITTED");
		await().atMost(Duration.ofSeconds(5)).until(() -> feeds.watchers(event.id()) == 0);
	}

	@Test
	void aReconnectFromAReloadedPageKeepsThePlace() {
		api.pace(event.id(), "ON", WaitingRoomIT.STILL, 1, null);
		String ada = api.ticket("ada", event.id());
		api.awaitAdmitted("ada", ada);
		String bob = api.ticket("bob", event.id());

		try (var first = new PositionSocket(port, bob)) {
			assertThat(first.awaitMessage("position", Duration.ofSeconds(10))).containsEntry("position", 1);
		}
		assertThat(api.ticket("bob", event.id())).isEqualTo(bob); // the reloaded page joins again: the same place
		try (var second = new PositionSocket(port, bob)) {
			assertThat(second.awaitMessage("position", Duration.ofSeconds(10))).containsEntry("position", 1);
		}
	}

	@Test
	void anUnknownOrMalformedTicketIsClosedWithItsCode() {
		try (var unknown = new PositionSocket(port, event.id() + "-AAAAAAAAAAAAAAAAAAAAAA")) {
			assertThat(unknown.awaitClose(Duration.ofSeconds(10))).isEqualTo(4404);
		}
		try (var malformed = new PositionSocket(port, "not-a-ticket")) {
			assertThat(malformed.awaitClose(Duration.ofSeconds(10))).isEqualTo(4400);
		}
	}
}
