package io.boxoffice.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configured rate holds however many tickers there are: besides the instance's own ticker, four more tick the
 * event every few milliseconds for 10 s (a shorter run than an on-sale's, to keep the suite quick; the rate is fast
 * enough that 10 s is 400 admissions).
 */
@QueueIntegrationTest
class AdmissionRateIT {

	static final double RATE = 40;
	static final int BURST = 10;

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

	@Autowired
	AdmissionTicker ticker;

	@Test
	void manyTickersAdmitAtTheConfiguredRate() {
		TestEvent event = new CatalogFixtures(db).event("Flood", CatalogFixtures.unique("Floodtown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
		var api = new QueueApi(http, tokens);
		api.pace(event.id(), "ON", WaitingRoomIT.STILL, BURST, null);
		Flux.range(0, 900).flatMap(i -> room.join("flood-" + i, event.id()), 16).blockLast(Duration.ofSeconds(60));

		api.pace(event.id(), "ON", RATE, BURST, null);
		long servedBefore = served(event.id());
		long started = System.nanoTime();
		Flux.range(0, 4)
			.flatMap(t -> Flux.interval(Duration.ofMillis(3)).onBackpressureDrop().concatMap(beat -> ticker.tick(event.id()), 1))
			.take(Duration.ofSeconds(10))
			.blockLast(Duration.ofSeconds(30));
		long admitted = served(event.id()) - servedBefore;
		double seconds = (System.nanoTime() - started) / 1e9;

		double expected = RATE * seconds;
		assertThat((double) admitted).as("admitted in %.2f s at %s/s (burst %s)", seconds, RATE, BURST)
			.isBetween(expected * 0.95 - 2, expected + BURST + 2);
	}

	private long served(long eventId) {
		String served = redis.opsForValue().get(new QueueKeys(eventId).served()).block();
		return served == null ? 0 : Long.parseLong(served);
	}
}
