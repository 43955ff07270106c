package io.boxoffice.holds;

import io.boxoffice.support.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The hold routes over HTTP against real Redis and Postgres (limits here: 4 seats a hold, 6 a user). */
@HoldsIntegrationTest
class HoldsApiIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@Autowired
	SeatHolds holds;

	@Autowired
	HoldSweeper sweeper;

	@Autowired
	PromptExpiry promptExpiry;

	CatalogFixtures fixtures;
	TestEvent event;
	List<Long> seats;

	@BeforeEach
	void setUp() {
		fixtures = new CatalogFixtures(db);
		event = fixtures.event("Holds", CatalogFixtures.unique("Holdtown"), Category.CONCERT, clock.instant().plus(5, ChronoUnit.DAYS));
		seats = event.frontSeatIds();
	}

	@AfterEach
	void putTheClockBack() {
		clock.reset();
	}

	@Test
	void holdAnswers201WithLocationAndOnlyTheOwnerCanReadIt() {
		Instant before = clock.instant();
		var created = hold("ada", event.id(), seats.subList(0, 2)).exchange()
			.expectStatus().isCreated()
			.expectHeader().valueMatches(HttpHeaders.LOCATION, "/api/holds/" + event.id() + "-[0-9a-f]{32}")
			.expectBody(Map.class).returnResult();
		Map<?, ?> body = created.getResponseBody();
		String holdId = (String) body.get("holdId");
		assertThat(created.getResponseHeaders().getLocation()).hasToString("/api/holds/" + holdId);
		assertThat(body.get("eventId")).isEqualTo((int) event.id());
		assertThat(body.get("seats")).isEqualTo(List.of(seats.get(0).intValue(), seats.get(1).intValue()));
		Instant expiresAt = Instant.parse((String) body.get("expiresAt"));
		assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(10)), clock.instant().plus(Duration.ofMinutes(10)));

		get("ada", holdId).expectStatus().isOk()
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody().jsonPath("$.holdId").isEqualTo(holdId).jsonPath("$.seats.length()").isEqualTo(2);
		get("bob", holdId).expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/hold-not-found");
		get("ada", event.id() + "-00000000000000000000000000000000").expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/hold-not-found");
		get("ada", "not-a-hold-id").expectStatus().isNotFound();
	}

	@Test
	void theCallerListsTheirLiveHoldsAcrossEventsAndEndedOnesDropOut() {
		String buyer = "lister-" + java.util.UUID.randomUUID();
		TestEvent other = fixtures.event("Other", CatalogFixtures.unique("Holdtown"), Category.CONCERT, clock.instant().plus(6, ChronoUnit.DAYS));
		String first = holdId(hold(buyer, event.id(), seats.subList(0, 2)));
		// Granted second, expiring first: a short hold (the ttl a waitlist offer passes), so it can expire here.
		String second = holds.holdFor(buyer + "-" + event.id(), other.id(), other.frontSeatIds().subList(0, 1), SHORT_HOLD)
			.block().id();
		holdId(hold("bob", event.id(), seats.subList(2, 3)));

		list(buyer).expectStatus().isOk()
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody()
			.jsonPath("$.items.length()").isEqualTo(2)
			.jsonPath("$.items[0].holdId").isEqualTo(second)
			.jsonPath("$.items[0].eventId").isEqualTo(other.id())
			.jsonPath("$.items[0].seats.length()").isEqualTo(1)
			.jsonPath("$.items[0].expiresAt").isNotEmpty()
			.jsonPath("$.items[1].holdId").isEqualTo(first)
			.jsonPath("$.items[1].seats.length()").isEqualTo(2)
			.jsonPath("$.next").doesNotExist();

		release(buyer, first).expectStatus().isNoContent();
		list(buyer).expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1).jsonPath("$.items[0].holdId").isEqualTo(second);

		await().atMost(WAIT).untilAsserted(() -> list(buyer).expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(0));
		assertThat(redis.opsForZSet().size("holdsof:" + buyer).block()).as("expired entries are dropped on read").isZero();

		http.get().uri("/api/holds?eventId=1").header(HttpHeaders.AUTHORIZATION, bearer(buyer)).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-request").jsonPath("$.parameter").isEqualTo("eventId");
	}

	private WebTestClient.ResponseSpec list(String user) {
		return http.get().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	@Test
	void onlyTheOwnerCanReleaseAndReleasingFreesTheSeats() {
		String holdId = holdId(hold("ada", event.id(), seats.subList(0, 2)));

		release("bob", holdId).expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/hold-not-found");
		hold("bob", event.id(), seats.subList(0, 1)).exchange().expectStatus().isEqualTo(409);

		release("ada", holdId).expectStatus().isNoContent();
		get("ada", holdId).expectStatus().isNotFound();
		release("ada", holdId).expectStatus().isNotFound();
		hold("bob", event.id(), seats.subList(0, 2)).exchange().expectStatus().isCreated();
	}

	@Test
	void takenSeatsAre409NamingExactlyThoseSeatsAndNothingElseIsHeld() {
		double conflictsBefore = meters.counter("boxoffice.holds", "result", "conflict").count();
		hold("ada", event.id(), seats.subList(0, 2)).exchange().expectStatus().isCreated();

		hold("bob", event.id(), List.of(seats.get(1), seats.get(2), seats.get(3))).exchange()
			.expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/seats-unavailable")
			.jsonPath("$.unavailableSeatIds").isEqualTo(List.of(seats.get(1).intValue()));

		// All or nothing: bob's refused request held neither of the free seats it named.
		hold("cy", event.id(), List.of(seats.get(2), seats.get(3))).exchange().expectStatus().isCreated();
		assertThat(meters.counter("boxoffice.holds", "result", "conflict").count()).isEqualTo(conflictsBefore + 1);
	}

	@Test
	void aSoldSeatIsUnavailable() {
		fixtures.sell(event, seats.get(3));

		hold("ada", event.id(), List.of(seats.get(2), seats.get(3))).exchange()
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.unavailableSeatIds").isEqualTo(List.of(seats.get(3).intValue()));
	}

	@Test
	void emptyDuplicateTooManyOrMissingSeatsAreValidationProblems() {
		String tooMany = seats.subList(0, 5).toString();
		for (String body : List.of("{\"eventId\":%d,\"seatIds\":[]}", "{\"eventId\":%d}",
				"{\"eventId\":%d,\"seatIds\":[%d,%d]}".formatted(event.id(), seats.get(0), seats.get(0)),
				"{\"eventId\":%d,\"seatIds\":" + tooMany + "}", "{\"eventId\":%d,\"seatIds\":[null]}",
				"{\"seatIds\":[1]}")) {
			http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer("ada"))
				.contentType(MediaType.APPLICATION_JSON).bodyValue(body.formatted(event.id())).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type").isEqualTo("/problems/validation-failed")
				.jsonPath("$.errors[0].field").exists();
		}
		hold("ada", event.id(), seats.subList(0, 1)).exchange().expectStatus().isCreated();
	}

	@Test
	void anUnreadableMissingOrMistypedBodyIsAMalformedBodyProblemNamingTheField() {
		for (String body : List.of("{\"eventId\":", "", "{\"eventId\":%d,\"seatIds\":[\"front-row\"]}".formatted(event.id()))) {
			var problem = http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer("ada"))
				.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type").isEqualTo("/problems/malformed-body")
				.jsonPath("$.instance").isEqualTo("/api/holds")
				.jsonPath("$.correlationId").isNotEmpty();
			if (body.contains("front-row")) {
				problem.jsonPath("$.field").isEqualTo("seatIds[0]");
			}
		}
		http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer("ada"))
			.contentType(MediaType.TEXT_PLAIN).bodyValue("{\"eventId\":%d,\"seatIds\":[%d]}".formatted(event.id(), seats.get(0)))
			.exchange()
			.expectStatus().isEqualTo(415)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/unsupported-media-type");
		hold("bob", event.id(), seats.subList(0, 1)).exchange().expectStatus().isCreated(); // the refused requests held nothing
	}

	@Test
	void aWrongMethodIsA405ListingTheAllowedOnes() {
		http.put().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer("ada")).exchange()
			.expectStatus().isEqualTo(405)
			.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,HEAD,POST")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/method-not-allowed");
		http.patch().uri("/api/holds/" + event.id() + "-1").header(HttpHeaders.AUTHORIZATION, bearer("ada")).exchange()
			.expectStatus().isEqualTo(405)
			.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET,HEAD,DELETE");
	}

	@Test
	void seatsTheEventDoesNotSellAreNamed() {
		long unpriced = event.seatIds().get(event.seatIds().size() - 1);
		TestEvent elsewhere = fixtures.event("Elsewhere", CatalogFixtures.unique("Othertown"), Category.CONCERT,
				clock.instant().plus(5, ChronoUnit.DAYS));
		long otherVenue = elsewhere.frontSeatIds().get(0);

		hold("ada", event.id(), List.of(seats.get(0), unpriced, otherVenue)).exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/unknown-seats")
			.jsonPath("$.unknownSeatIds").isEqualTo(List.of((int) unpriced, (int) otherVenue));
	}

	@Test
	void anUnknownEventIs404AndOneNotOnSaleIs409() {
		hold("ada", 987654321L, List.of(1L)).exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/event-not-found").jsonPath("$.eventId").isEqualTo(987654321);

		TestEvent later = fixtures.event("Later", CatalogFixtures.unique("Waitville"), Category.CONCERT,
				clock.instant().plus(60, ChronoUnit.DAYS));
		Instant onSaleAt = clock.instant().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		db.sql("UPDATE event SET on_sale_at = :at WHERE id = :id").bind("at", onSaleAt).bind("id", later.id()).then().block();
		hold("ada", later.id(), later.frontSeatIds().subList(0, 1)).exchange()
			.expectStatus().isEqualTo(409)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/event-not-on-sale")
			.jsonPath("$.onSaleAt").isEqualTo(onSaleAt.toString());

		TestEvent over = fixtures.event("Over", CatalogFixtures.unique("Pastville"), Category.CONCERT,
				clock.instant().minus(1, ChronoUnit.HOURS));
		hold("ada", over.id(), over.frontSeatIds().subList(0, 1)).exchange()
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/event-not-on-sale");
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyAnswersTheSameHoldAndAnotherBodyIs422() {
		var first = hold("ada", event.id(), seats.subList(0, 2)).header("Idempotency-Key", "retry-1").exchange()
			.expectStatus().isCreated()
			.expectBody(String.class).returnResult();
		var retry = hold("ada", event.id(), List.of(seats.get(1), seats.get(0))).header("Idempotency-Key", "retry-1").exchange()
			.expectStatus().isCreated()
			.expectHeader().valueEquals("Idempotent-Replayed", "true")
			.expectHeader().location(first.getResponseHeaders().getLocation().toString())
			.expectBody(String.class).returnResult();
		assertThat(retry.getResponseBody()).isEqualTo(first.getResponseBody());

		hold("ada", event.id(), seats.subList(2, 3)).header("Idempotency-Key", "retry-1").exchange()
			.expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/idempotency-key-reused");
		// Keys are per user: bob's "retry-1" is his own request.
		hold("bob", event.id(), seats.subList(2, 3)).header("Idempotency-Key", "retry-1").exchange()
			.expectStatus().isCreated();
		hold("ada", event.id(), seats.subList(3, 4)).header("Idempotency-Key", "k".repeat(256)).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.parameter").isEqualTo("Idempotency-Key");
	}

	@Test
	void aRefusedRequestDoesNotUseUpItsIdempotencyKey() {
		String bobs = holdId(hold("bob", event.id(), seats.subList(0, 1)));
		hold("ada", event.id(), seats.subList(0, 1)).header("Idempotency-Key", "k-2").exchange().expectStatus().isEqualTo(409);

		release("bob", bobs).expectStatus().isNoContent();
		hold("ada", event.id(), seats.subList(0, 1)).header("Idempotency-Key", "k-2").exchange()
			.expectStatus().isCreated()
			.expectHeader().doesNotExist("Idempotent-Replayed");
	}

	@Test
	void theUserCapCountsLiveHoldsOnlySoItRecoversWhenHoldsExpire() {
		// No sweeping at all: expired holds must neither count against the cap nor block their seats before one.
		sweeper.stop();
		promptExpiry.stop();
		try {
			holds.holdFor("ada-" + event.id(), event.id(), seats.subList(0, 4), SHORT_HOLD).block();
			holds.holdFor("ada-" + event.id(), event.id(), seats.subList(4, 6), SHORT_HOLD).block();

			hold("ada", event.id(), seats.subList(6, 7)).exchange()
				.expectStatus().isEqualTo(409)
				.expectBody()
				.jsonPath("$.type").isEqualTo("/problems/hold-limit-reached")
				.jsonPath("$.limit").isEqualTo(6)
				.jsonPath("$.held").isEqualTo(6);

			// Redis expires the seats' keys when the holds expire (one script sets both): then Redis's time is past.
			await().atMost(WAIT).until(() -> seats.subList(0, 6).stream()
				.noneMatch(seat -> redis.hasKey(HoldKeys.hold(event.id(), seat)).block()));
			assertThat(redis.opsForZSet().size(HoldKeys.expiries(event.id())).block()).as("not swept").isEqualTo(2);

			hold("ada", event.id(), seats.subList(0, 4)).exchange().expectStatus().isCreated();
			hold("bob", event.id(), seats.subList(4, 6)).exchange().expectStatus().isCreated();
			hold("ada", event.id(), seats.subList(6, 8)).exchange().expectStatus().isCreated();
			hold("ada", event.id(), seats.subList(8, 9)).exchange()
				.expectStatus().isEqualTo(409)
				.expectBody().jsonPath("$.type").isEqualTo("/problems/hold-limit-reached").jsonPath("$.held").isEqualTo(6);
		}
		finally {
			sweeper.start();
			promptExpiry.start();
		}
	}

	@Test
	void afterRedisLosesEverythingSoldSeatsAreReloadedFromPostgresBeforeAnyHold() {
		hold("ada", event.id(), seats.subList(0, 1)).exchange().expectStatus().isCreated();
		fixtures.sell(event, seats.get(5)); // committed in Postgres; Redis never heard of it

		redis.execute(connection -> connection.serverCommands().flushAll()).blockLast();

		hold("bob", event.id(), List.of(seats.get(4), seats.get(5))).exchange()
			.expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.unavailableSeatIds").isEqualTo(List.of(seats.get(5).intValue()));
		assertThat(redis.opsForSet().isMember("sold:{" + event.id() + "}", seats.get(5).toString()).block()).isTrue();
		hold("bob", event.id(), List.of(seats.get(4))).exchange().expectStatus().isCreated();
	}

	/** Holds that must expire within a test are this short; the scripts judge them by Redis's time. */
	private static final Duration SHORT_HOLD = Duration.ofSeconds(3);

	private static final Duration WAIT = Duration.ofSeconds(15);

	private WebTestClient.RequestHeadersSpec<?> hold(String user, long eventId, List<Long> seatIds) {
		return http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer(user))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("eventId", eventId, "seatIds", seatIds));
	}

	private String holdId(WebTestClient.RequestHeadersSpec<?> request) {
		return (String) request.exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
			.get("holdId");
	}

	private WebTestClient.ResponseSpec get(String user, String holdId) {
		return http.get().uri("/api/holds/" + holdId).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	private WebTestClient.ResponseSpec release(String user, String holdId) {
		return http.delete().uri("/api/holds/" + holdId).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	/** A fresh token each time: one issued before the clock moved would have expired. */
	private String bearer(String user) {
		return TestTokens.bearer(tokens.user(user + "-" + event.id()));
	}
}
