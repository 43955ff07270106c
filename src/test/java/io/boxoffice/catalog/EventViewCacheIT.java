package io.boxoffice.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.admin.AdminRequests;
import io.boxoffice.catalog.internal.EventViewCache;
import io.boxoffice.holds.Hold;
import io.boxoffice.holds.SeatHolds;
import io.boxoffice.holds.SeatStates;
import io.boxoffice.platform.RedisConnections;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/events/{id}} through its Redis cache: hits, invalidation, validators, CDN headers and a Redis outage. */
@IntegrationTest
class EventViewCacheIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	RedisConnections redisConnections;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestTokens tokens;

	@Autowired
	SeatHolds holds;

	@Autowired
	SeatStates seatStates;

	CatalogFixtures fixtures;
	TestEvent event;

	@BeforeEach
	void setUp() {
		fixtures = new CatalogFixtures(db);
		event = fixtures.event("Cached Night", CatalogFixtures.unique("Cachetown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS));
	}

	@Test
	void theSecondViewIsAHitWithCdnHeadersAndAStrongETagThatAnswers304() {
		double hits = cache("hit");
		double misses = cache("miss");

		var first = view();
		assertThat(cache("miss") - misses).isEqualTo(1);
		assertThat(redis.hasKey(EventViewCache.key(event.id())).block()).isTrue();
		var second = view();
		assertThat(cache("hit") - hits).isEqualTo(1);

		assertThat(second.getResponseBody()).isEqualTo(first.getResponseBody());
		HttpHeaders headers = second.getResponseHeaders();
		String etag = headers.getETag();
		assertThat(etag).startsWith("\"").doesNotStartWith("W/").contains("-v1-");
		assertThat(headers.getCacheControl()).isEqualTo("max-age=5, public, stale-while-revalidate=30");
		assertThat(headers.getPragma()).as("Spring Security's no-cache headers stay away").isNull();
		assertThat(headers.getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(second.getResponseBody()).contains("\"name\":\"Cached Night\"", "\"onSale\":true",
				"\"availability\":{\"capacity\":10,\"sold\":0,\"held\":0,\"available\":10}");

		http.get().uri("/api/events/" + event.id()).header(HttpHeaders.IF_NONE_MATCH, etag).exchange()
			.expectStatus().isNotModified()
			.expectHeader().valueEquals(HttpHeaders.ETAG, etag)
			.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=5, public, stale-while-revalidate=30")
			.expectBody().isEmpty();
	}

	@Test
	void liveCountsChangeOnEveryReadWhileTheCachedPartStillHits() {
		String before = view().getResponseHeaders().getETag();
		fixtures.sell(event, event.frontSeatIds().get(0));
		double hits = cache("hit");

		var after = view();

		assertThat(cache("hit") - hits).isEqualTo(1);
		assertThat(after.getResponseBody()).contains("\"availability\":{\"capacity\":10,\"sold\":1,\"held\":0,\"available\":9}");
		assertThat(after.getResponseHeaders().getETag()).as("equal tags must mean equal bytes").isNotEqualTo(before);
	}

	@Test
	void anAdminChangeDropsTheCachedViewAndTheNextReadShowsItUnderANewETag() {
		var admin = new AdminRequests(http, tokens);
		long performerId = admin.create("/api/admin/performers", AdminRequests.performer(CatalogFixtures.unique("Act")));
		String before = view().getResponseHeaders().getETag();
		var update = AdminRequests.event(event.venueId(), List.of(performerId));
		update.put("name", "Renamed Night");
		update.put("priceTiers", List.of(AdminRequests.tier("Front", 5000, "GBP")));

		admin.put("/api/admin/events/" + event.id(), update).expectStatus().isOk();
		assertThat(redis.hasKey(EventViewCache.key(event.id())).block()).as("dropped after the commit").isFalse();

		var after = view();
		assertThat(after.getResponseBody()).contains("\"name\":\"Renamed Night\"", "\"version\":2", "\"priceCents\":5000");
		assertThat(after.getResponseHeaders().getETag()).isNotEqualTo(before).contains("-v2-");
		http.get().uri("/api/events/" + event.id()).header(HttpHeaders.IF_NONE_MATCH, before).exchange()
			.expectStatus().isOk();
	}

	@Test
	void anEntryOfAnOlderVersionIsNeverServedEvenIfNobodyDroppedIt() {
		view();
		// A change that skipped the invalidation (as a lost one would): the entry in Redis is now of version 1.
		db.sql("UPDATE event SET name = 'Changed Behind The Cache', version = version + 1 WHERE id = " + event.id()).then().block();
		double misses = cache("miss");

		assertThat(view().getResponseBody()).contains("Changed Behind The Cache", "\"version\":2");
		assertThat(cache("miss") - misses).isEqualTo(1);
		assertThat(view().getResponseBody()).contains("Changed Behind The Cache");
	}

	@Test
	void whenRedisStopsAnsweringTheViewComesFromPostgres() {
		String cached = view().getResponseBody();
		double errors = cache("error");
		// CLIENT PAUSE makes Redis hold every client's commands: to the app it is an outage, and it ends by itself.
		// On a Redis Cluster every master is paused: the event's keys may be on any of them.
		redisConnections.connect(StringCodec.UTF8, standalone -> {
			try (standalone) {
				return standalone.sync().clientPause(3000);
			}
		}, cluster -> {
			try (cluster) {
				cluster.sync().upstream().commands().clientPause(3000);
				return "OK";
			}
		});
		try {
			long started = System.nanoTime();
			var during = view();
			long millis = (System.nanoTime() - started) / 1_000_000;

			assertThat(cached).contains("\"availability\":{\"capacity\":10,\"sold\":0,\"held\":0,\"available\":10}");
			assertThat(during.getResponseBody()).as("held seats live in Redis: unknown, not 0")
				.isEqualTo(cached.replace("\"held\":0,", "\"held\":null,"));
			assertThat(cache("error") - errors).isEqualTo(1);
			assertThat(millis).as("waited for the cache timeout, not the Redis command timeout").isLessThan(2_000);
		}
		finally {
			// Redis answers again once the pause is over.
			redis.opsForValue().get("anything").retryWhen(Retry.fixedDelay(20, Duration.ofMillis(250))).block(Duration.ofSeconds(30));
		}
	}

	@Test
	void theHeldCountIsTheLiveNumberOfHeldSeatsCountedAsTheLiveSeatMapSeesThem() {
		List<Long> front = event.frontSeatIds();
		assertThat(counts()).isEqualTo(counts(0, 0, 10));

		Hold pair = holds.hold("ada", event.id(), front.subList(0, 2), Optional.empty()).block();
		Hold single = holds.hold("bob", event.id(), front.subList(2, 3), Optional.empty()).block();
		assertThat(counts()).isEqualTo(counts(0, 3, 7));
		assertThat(heldInSnapshot()).isEqualTo(3);

		// A seat whose key ran out before the expire script ran is still held, as the seat map says until then.
		redis.delete("hold:{" + event.id() + "}:" + front.get(2)).block();
		assertThat(counts()).isEqualTo(counts(0, 3, 7));
		assertThat(heldInSnapshot()).isEqualTo(3);

		holds.release("bob", single.id()).block();
		assertThat(counts()).isEqualTo(counts(0, 2, 8));

		// One seat of the pair sold (Postgres first, then Redis), the other freed with its hold.
		fixtures.sell(event, front.get(0));
		holds.markSold(event.id(), pair.id(), List.of(front.get(0))).block();
		assertThat(counts()).isEqualTo(counts(1, 0, 9));
		assertThat(heldInSnapshot()).isZero();
	}

	@Test
	void aSeatMapAskedForByItsVersionIsImmutable() {
		http.get().uri("/api/events/" + event.id() + "/seatmap?v=1").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=31536000, public, immutable")
			.expectHeader().doesNotExist(HttpHeaders.PRAGMA);
		http.get().uri("/api/events/" + event.id() + "/seatmap?v=0").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=300, public");
	}

	private EntityExchangeResult<String> view() {
		return http.get().uri("/api/events/" + event.id()).exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult();
	}

	private String counts() {
		String body = view().getResponseBody();
		return body.substring(body.indexOf("\"availability\":"));
	}

	private static String counts(int sold, int held, int available) {
		// The fixture prices its 10 front seats only; the unpriced back section is not on sale.
		return "\"availability\":{\"capacity\":10,\"sold\":" + sold + ",\"held\":" + held + ",\"available\":" + available + "}}";
	}

	private int heldInSnapshot() {
		return seatStates.snapshot(event.id()).block().held().size();
	}

	private double cache(String result) {
		return meters.counter("boxoffice.catalog.cache", "result", result).count();
	}
}
