package io.boxoffice.seatmap;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.BoxofficeApplication;
import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.services.BackingServicesInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one Redis: this test's application (A) and a second one (B) started here on another random
 * port with the same backing services, a 2 s hold TTL, and no polling (only keyspace notifications wake its readers). All seat state is in Redis, so a watcher on either
 * instance sees changes made through the other, and expiry.
 */
@IntegrationTest
class LiveSeatMapAcrossInstancesIT {

	static ConfigurableApplicationContext instanceB;
	static int portB;

	@LocalServerPort
	int portA;

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	TestEvent event;
	List<Long> seats;

	@BeforeAll
	static void startInstanceB() {
		instanceB = new SpringApplicationBuilder(BoxofficeApplication.class)
			.initializers(new BackingServicesInitializer())
			.run("--server.port=0", "--boxoffice.holds.ttl=2s", "--boxoffice.seatmap.max-connections-per-ip=2",
					// B's readers never poll after their first read: B's watchers see changes only through keyspace notifications.
					"--boxoffice.seatmap.poll-interval=1h"); // arguments: above application.yml's port 8080
		portB = Integer.parseInt(instanceB.getEnvironment().getProperty("local.server.port"));
	}

	@AfterAll
	static void stopInstanceB() {
		if (instanceB != null) {
			instanceB.close();
		}
	}

	@BeforeEach
	void setUp() {
		event = new CatalogFixtures(db).event("Twin", CatalogFixtures.unique("Twintown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
		seats = event.frontSeatIds();
	}

	@Test
	void aHoldAndItsReleaseThroughAIsSeenByAWatcherOnBThroughNotificationsAlone() {
		try (Watcher onB = Watcher.watch(portB, event.id())) {
			long start = Watcher.version(onB.snapshot());
			String holdId = (String) hold(http, "ada", seats.subList(0, 2)).expectBody(Map.class).returnResult().getResponseBody().get("holdId");
			// 250 ms is the target; a second leaves room for a 2-core machine shared with other builds.
			var held = onB.awaitChange(seats.get(0), "held", Duration.ofSeconds(1));
			assertThat(Watcher.version(held)).isEqualTo(start + 1);

			http.delete().uri("/api/holds/" + holdId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("ada")))
				.exchange().expectStatus().isNoContent();
			var freed = onB.awaitChange(seats.get(1), "free", Duration.ofSeconds(2));
			assertThat(Watcher.version(freed)).isEqualTo(start + 2);
		}
	}

	@Test
	void aHoldThroughBThatExpiresIsSeenFreeOnAWithinASecondOfItsExpiry() {
		try (Watcher onA = Watcher.watch(portA, event.id()); Watcher onB = Watcher.watch(portB, event.id())) {
			onA.snapshot();
			onB.snapshot();
			WebTestClient httpB = WebTestClient.bindToServer().baseUrl("http://localhost:" + portB).responseTimeout(Duration.ofSeconds(30)).build();
			var hold = hold(httpB, "bob", seats.subList(2, 3)).expectBody(Map.class).returnResult().getResponseBody();
			Instant expiresAt = Instant.parse((String) hold.get("expiresAt"));
			onA.awaitChange(seats.get(2), "held", Duration.ofSeconds(2));

			onA.awaitChange(seats.get(2), "free", Duration.ofSeconds(5));
			Instant seenFree = Instant.now();
			assertThat(seenFree).isBefore(expiresAt.plusSeconds(1));
			onB.awaitChange(seats.get(2), "free", Duration.ofSeconds(1));
			assertThat(onA.deltas()).extracting(Watcher::version).isSorted().doesNotHaveDuplicates();
		}
	}

	@Test
	void bRefusesAThirdConnectionFromOneAddressWith4429() {
		try (Watcher one = Watcher.watch(portB, event.id()); Watcher two = Watcher.watch(portB, event.id())) {
			one.snapshot();
			two.snapshot();
			try (Watcher three = Watcher.watch(portB, event.id())) {
				assertThat(three.awaitClose(Duration.ofSeconds(10))).isEqualTo(4429);
				assertThat(three.messages).isEmpty();
			}
		}
		var connectionsOnB = instanceB.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("boxoffice.seatmap.connections").gauge();
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> connectionsOnB.value() == 0);
		try (Watcher again = Watcher.watch(portB, event.id())) {
			assertThat(again.snapshot().get("type")).isEqualTo("snapshot");
		}
	}

	private WebTestClient.ResponseSpec hold(WebTestClient client, String user, List<Long> seatIds) {
		return client.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user(user)))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("eventId", event.id(), "seatIds", seatIds))
			.exchange()
			.expectStatus().isCreated();
	}
}
