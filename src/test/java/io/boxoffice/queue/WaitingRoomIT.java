package io.boxoffice.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Joining, admission, claiming and the hold path's enforcement, over HTTP against real Redis and Postgres. */
@QueueIntegrationTest
class WaitingRoomIT {

	/** A rate so slow that after the first burst nobody else is admitted during a test. */
	static final double STILL = 0.0001;

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	MeterRegistry meters;

	@Autowired
	AdmissionTokens admissionTokens;

	@LocalServerPort
	int port;

	QueueApi api;
	CatalogFixtures fixtures;
	TestEvent event;
	List<Long> seats;

	@BeforeEach
	void setUp() {
		api = new QueueApi(http, tokens);
		fixtures = new CatalogFixtures(db);
		event = newEvent();
		seats = event.frontSeatIds();
	}

	@Test
	void anEventWithoutAWaitingRoomRefusesJoinsAndItsHoldsNeedNoToken() {
		api.join("ada", event.id()).expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/queue-not-active");
		api.hold("ada", event.id(), seats.subList(0, 1), null).expectStatus().isCreated();
	}

	@Test
	@SuppressWarnings("unchecked")
	void joiningAgainAnswersTheSamePlaceAndOthersQueueBehind() {
		api.pace(event.id(), "ON", STILL, 1, null);
		String ada = api.ticket("ada", event.id());
		assertThat(api.ticket("ada", event.id())).isEqualTo(ada); // another tab, another device: same user, same place
		api.awaitAdmitted("ada", ada);

		var bob = api.join("bob", event.id()).expectStatus().isOk()
			.expectHeader().exists(HttpHeaders.RETRY_AFTER)
			.expectBody(Map.class).returnResult().getResponseBody();
		assertThat(bob.get("ticket")).isNotEqualTo(ada);
		assertThat(bob).containsEntry("state", "WAITING").containsEntry("position", 1).containsEntry("eventId", (int) event.id());
		assertThat((Map<String, Object>) bob.get("estimatedWait")).containsKeys("low", "high");
		api.place("ada", (String) bob.get("ticket")).expectStatus().isNotFound() // only the owner may read a place
			.expectBody().jsonPath("$.type").isEqualTo("/problems/queue-ticket-not-found");
		assertThat(api.placeOf("ada", ada)).containsEntry("state", "ADMITTED").containsEntry("position", 0);
	}

	@Test
	void autoAdmitsAJoinAtOnceWhileUnderTheRateAndQueuesAboveIt() {
		api.pace(event.id(), "AUTO", STILL, 2, null);
		assertThat(api.joined("ada", event.id())).containsEntry("state", "ADMITTED").containsEntry("position", 0);
		assertThat(api.joined("bob", event.id())).containsEntry("state", "ADMITTED");
		assertThat(api.joined("cy", event.id())).containsEntry("state", "WAITING").containsEntry("position", 1);
	}

	@Test
	void anAdmittedBuyerClaimsOneTokenAndHoldsWithItAndNobodyHoldsWithoutOne() {
		api.pace(event.id(), "ON", STILL, 1, null);
		String ada = api.ticket("ada", event.id());
		String bob = api.ticket("bob", event.id());
		api.awaitAdmitted("ada", ada);

		api.claim("bob", bob).expectStatus().isEqualTo(409).expectBody().jsonPath("$.type").isEqualTo("/problems/not-admitted-yet");
		api.claim("bob", ada).expectStatus().isNotFound();
		String token = api.token("ada", ada);
		assertThat(api.token("ada", ada)).isEqualTo(token); // claiming again: the same admission

		api.hold("ada", event.id(), seats.subList(0, 2), null).expectStatus().isForbidden()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/admission-required")
			.jsonPath("$.joinUrl").isEqualTo("/api/events/" + event.id() + "/queue");
		api.hold("bob", event.id(), seats.subList(0, 2), null).expectStatus().isForbidden();
		api.hold("ada", event.id(), seats.subList(0, 2), token).expectStatus().isCreated();
		http.get().uri("/api/events/{id}", event.id()).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.queueMode").isEqualTo("ON");
	}

	@Test
	void everyKindOfBadTokenIsRefusedWith403NamingTheJoinUrl() {
		api.pace(event.id(), "ON", STILL, 1, null);
		String ada = api.ticket("ada", event.id());
		api.awaitAdmitted("ada", ada);
		String token = api.token("ada", ada);
		TestEvent other = newEvent();
		api.pace(other.id(), "ON", STILL, 1, null);
		String elsewhere = api.ticket("ada", other.id());
		api.awaitAdmitted("ada", elsewhere);
		String otherEventsToken = api.token("ada", elsewhere);
		Instant now = Instant.now();
		var forger = new AdmissionTokens("an-attackers-secret-that-is-32-bytes-long".getBytes());

		Map<String, String> bad = Map.of(
				"garbage", "not-a-token",
				"forged", forger.sign("ada", event.id(), Tickets.random(), now, now.plusSeconds(600)),
				"expired", admissionTokens.sign("ada", event.id(), Tickets.random(), now.minusSeconds(700), now.minusSeconds(100)),
				"another event's", otherEventsToken,
				"a login token", tokens.user("ada"));
		bad.forEach((kind, badToken) -> api.hold("ada", event.id(), seats.subList(0, 1), badToken).expectStatus().isForbidden()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/admission-required")
			.jsonPath("$.joinUrl").isEqualTo("/api/events/" + event.id() + "/queue"));
		api.hold("bob", event.id(), seats.subList(0, 1), token).expectStatus().isForbidden() // another user's
			.expectBody().jsonPath("$.detail").isEqualTo("The admission token was issued to another user");

		api.hold("ada", event.id(), seats.subList(0, 1), token).expectStatus().isCreated(); // nothing was held by the refusals
	}

	/**
	 * The revoked token is still well signed and unexpired, so only the hold script's check of its id key stands
	 * between it and a seat: without that check every one of these holds succeeds.
	 */
	@Test
	void aRevokedTokenHoldsNothingHoweverManyHoldsRaceIt() {
		api.pace(event.id(), "ON", STILL, 1, null);
		String ada = api.ticket("ada", event.id());
		api.awaitAdmitted("ada", ada);
		String token = api.token("ada", ada);

		api.leave("ada", ada).expectStatus().isNoContent(); // revokes the token
		WebClient client = WebClient.create("http://localhost:" + port);
		String bearer = TestTokens.bearer(tokens.user("ada"));
		List<Integer> statuses = Flux.fromIterable(seats)
			.flatMap(seat -> client.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer).header("Admission-Token", token)
				.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("eventId", event.id(), "seatIds", List.of(seat)))
				.exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value())), 10)
			.collectList().block(Duration.ofSeconds(30));

		assertThat(statuses).hasSize(seats.size()).containsOnly(403);
		http.get().uri("/api/events/{id}/availability", event.id()).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.held").isEmpty();
		api.place("ada", ada).expectStatus().isNotFound();
	}

	@Test
	void anUnclaimedTurnIsLostAfterTheClaimWindowAndTheNextBuyerGetsIt() {
		api.pace(event.id(), "ON", 50, 1, 1); // one active buyer at a time
		double expiredBefore = meters.counter("boxoffice.queue.tokens.expired.unclaimed").count();
		String ada = api.ticket("ada", event.id());
		String bob = api.ticket("bob", event.id());
		api.awaitAdmitted("ada", ada);
		assertThat(api.placeOf("bob", bob)).containsEntry("state", "WAITING");

		api.awaitAdmitted("bob", bob); // once ada's 4 s claim window is over
		assertThat(api.placeOf("ada", ada)).containsEntry("state", "EXPIRED");
		api.claim("ada", ada).expectStatus().isEqualTo(410).expectBody().jsonPath("$.type").isEqualTo("/problems/admission-expired");
		assertThat(meters.counter("boxoffice.queue.tokens.expired.unclaimed").count()).isGreaterThan(expiredBefore);
		assertThat(api.ticket("ada", event.id())).isNotEqualTo(ada); // joining again: a new place at the back
	}

	@Test
	void aLeftPlaceIsPassedOverAndTheNextOneIsAdmitted() {
		api.pace(event.id(), "ON", STILL, 1, null);
		String ada = api.ticket("ada", event.id());
		api.awaitAdmitted("ada", ada);
		String bob = api.ticket("bob", event.id());
		String cy = api.ticket("cy", event.id());
		assertThat(api.placeOf("cy", cy)).containsEntry("position", 2);
		api.leave("bob", bob).expectStatus().isNoContent();
		api.leave("bob", bob).expectStatus().isNoContent(); // leaving is idempotent
		api.place("bob", bob).expectStatus().isNotFound();

		api.pace(event.id(), "ON", 1, 1, null); // room for one more admission within a second
		api.awaitAdmitted("cy", cy);
	}

	@Test
	void whenRedisLosesTheQueueHoldsFailClosedAndTheQueueStartsAfresh() {
		api.pace(event.id(), "ON", 50, 5, null);
		String ada = api.ticket("ada", event.id());
		api.awaitAdmitted("ada", ada);
		String token = api.token("ada", ada);

		redis.execute(connection -> connection.serverCommands().flushAll()).blockLast();

		api.hold("ada", event.id(), seats.subList(0, 1), token).expectStatus().isForbidden()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/admission-required")
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("no longer valid"));
		api.hold("ada", event.id(), seats.subList(0, 1), null).expectStatus().isForbidden(); // still queued: the stored mode
		api.place("ada", ada).expectStatus().isNotFound();

		String again = api.ticket("ada", event.id());
		api.awaitAdmitted("ada", again);
		api.hold("ada", event.id(), seats.subList(0, 1), api.token("ada", again)).expectStatus().isCreated();
	}

	@Test
	void aModeChangeReachesTheHoldPathAtOnce() {
		api.pace(event.id(), "ON", STILL, 1, null);
		api.hold("ada", event.id(), seats.subList(0, 1), null).expectStatus().isForbidden();

		api.pace(event.id(), "OFF", STILL, 1, null);
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> api.hold("ada", event.id(), seats.subList(0, 1), null).expectStatus().isCreated());

		var update = Map.of("venueId", event.venueId(), "name", "Queued", "category", "CONCERT",
				"startsAt", Instant.now().plus(5, ChronoUnit.DAYS).toString(), "onSaleAt", Instant.now().minusSeconds(60).toString(),
				"queueMode", "AUTO", "priceTiers", List.of(Map.of("sectionId", event.frontSectionId(), "priceCents", 4500, "currency", "GBP")));
		http.put().uri("/api/admin/events/{id}", event.id()).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.admin("root")))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(update).exchange()
			.expectStatus().isOk().expectBody().jsonPath("$.queueMode").isEqualTo("AUTO");
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> api.hold("bob", event.id(), seats.subList(1, 2), null).expectStatus().isForbidden());
		assertThat(api.joined("bob", event.id())).containsKey("ticket");
	}

	private TestEvent newEvent() {
		return fixtures.event("Queued", CatalogFixtures.unique("Queuetown"), Category.CONCERT, Instant.now().plus(5, ChronoUnit.DAYS));
	}
}
