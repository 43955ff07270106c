package io.boxoffice.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.BoxofficeApplication;
import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.services.BackingServicesInitializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one Redis and one Postgres, both ticking every event: this test's application (A) and a second
 * one (B) started here. Together they admit at the one configured rate, not twice it; a token claimed through one
 * holds seats through the other; a pace set through one is in force on the other within a second.
 */
@QueueIntegrationTest
class AdmissionAcrossInstancesIT {

	static final double RATE = 30;
	static final int BURST = 5;
	/** Redis's clock in microseconds and the room's "now serving", read at one instant. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	static final RedisScript<List<Long>> SERVED_AT = (RedisScript) RedisScript.of("""
			local t = redis.call('TIME')
			return {tonumber(t[1]) * 1000000 + tonumber(t[2]), tonumber(redis.call('GET', KEYS[1]) or '0')}
			""", List.class);

	static ConfigurableApplicationContext instanceB;
	static WebTestClient httpB;

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	WaitingRoom room;

	@BeforeAll
	static void startInstanceB() {
		instanceB = new SpringApplicationBuilder(BoxofficeApplication.class)
			.initializers(new BackingServicesInitializer())
			.run("--server.port=0");
		int portB = Integer.parseInt(instanceB.getEnvironment().getProperty("local.server.port"));
		httpB = WebTestClient.bindToServer().baseUrl("http://localhost:" + portB).responseTimeout(Duration.ofSeconds(30)).build();
	}

	@AfterAll
	static void stopInstanceB() {
		if (instanceB != null) {
			instanceB.close();
		}
	}

	@Test
	void twoInstancesTickingTogetherAdmitAtTheOneConfiguredRate() {
		TestEvent event = newEvent();
		var api = new QueueApi(http, tokens);
		api.pace(event.id(), "ON", WaitingRoomIT.STILL, BURST, null);
		Flux.range(0, 600).flatMap(i -> room.join("twin-" + i, event.id()), 16).blockLast(Duration.ofSeconds(60));

		api.pace(event.id(), "ON", RATE, BURST, null);
		// Both instances tick meanwhile; "now serving" is sampled for 8 s, each sample with Redis's TIME read in the
		// same script: the bucket's own clock, so a reply delayed on a busy machine cannot shorten the window measured.
		List<long[]> samples = Flux.interval(Duration.ZERO, Duration.ofMillis(500))
			.concatMap(beat -> redis.execute(SERVED_AT, List.of(new QueueKeys(event.id()).served())).next()
				.map(sample -> new long[] { sample.get(0), sample.get(1) }))
			.take(Duration.ofSeconds(8))
			.collectList().block(Duration.ofSeconds(30));
		long[] first = samples.get(0);
		long[] last = samples.get(samples.size() - 1);
		long admitted = last[1] - first[1];
		double seconds = (last[0] - first[0]) / 1e6;

		double expected = RATE * seconds; // one instance's rate; two uncoordinated buckets would admit twice this
		assertThat((double) admitted).as("admitted in %.2f s", seconds).isBetween(expected * 0.9 - 2, expected + BURST + 2);
	}

	@Test
	void aTokenClaimedThroughOneInstanceHoldsThroughTheOtherAndAPaceChangeReachesIt() {
		TestEvent event = newEvent();
		var api = new QueueApi(http, tokens);
		var apiB = new QueueApi(httpB, tokens);
		api.pace(event.id(), "ON", WaitingRoomIT.STILL, 1, null);
		apiB.hold("ada", event.id(), event.frontSeatIds().subList(0, 1), null).expectStatus().isForbidden();

		String ticket = api.ticket("ada", event.id());
		apiB.awaitAdmitted("ada", ticket);
		String token = api.token("ada", ticket);
		apiB.hold("ada", event.id(), event.frontSeatIds().subList(0, 1), token).expectStatus().isCreated();

		api.pace(event.id(), "OFF", WaitingRoomIT.STILL, 1, null);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> httpB.post().uri("/api/holds")
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("bob"))).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("eventId", event.id(), "seatIds", List.of(event.frontSeatIds().get(1)))).exchange()
			.expectStatus().isCreated());
	}

	private TestEvent newEvent() {
		return new CatalogFixtures(db).event("Twin", CatalogFixtures.unique("Twintown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
	}

}
