package io.boxoffice.scaleout;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.IntConsumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
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

/**
 * Redis commands per request, measured: the numbers of docs/scale-out.md, "Redis". Redis's own {@code INFO commandstats}
 * counts every client (the rate limiter's included); this application's {@code lettuce.command.completion} timers
 * (RedisCommandMetrics) split its own commands by name. Background work (sweepers, the expiry index, tickers, other
 * test contexts) runs meanwhile, so a quiet window of the same length is measured first and taken off. The bounds
 * are loose on purpose: they catch a path that starts paying a round trip per seat or per watcher, not noise.
 */
@IntegrationTest
class RedisCostIT {

	static final int N = 40;
	static final Duration QUIET = Duration.ofSeconds(2);

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveRedisConnectionFactory redis;

	@Autowired
	MeterRegistry meters;

	@Test
	void measuresRedisCommandsPerHoldEventViewAndQueueJoin() {
		List<TestEvent> events = new ArrayList<>();
		for (int i = 0; i < N / 10; i++) {
			events.add(new CatalogFixtures(db).event("Costly", CatalogFixtures.unique("Costtown"), Category.CONCERT,
					Instant.now().plus(10, ChronoUnit.DAYS)));
		}
		TestEvent queued = new CatalogFixtures(db).event("Queued", CatalogFixtures.unique("Costtown"), Category.CONCERT,
				Instant.now().plus(10, ChronoUnit.DAYS));
		String run = Long.toString(System.nanoTime(), 36);
		// Warm every path once (script loads, caches, first connections), then measure.
		view(queued, "cost-warm-" + run);
		http.put().uri("/api/admin/events/{id}/queue", queued.id()).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.admin("cost-admin")))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("mode", "ON", "admitsPerSecond", 0.0001, "burst", 1)).exchange()
			.expectStatus().isOk();
		join(queued, "cost-warm-" + run);

		Cost views = measure("event view (GET /api/events/{id}, signed in)", i -> view(events.get(0), "cost-view-" + run + "-" + (i % 4)));
		Cost holds = measure("seat hold (POST /api/holds, 1 seat)", i -> hold(events.get(i / 10), "cost-hold-" + run + "-" + i,
				events.get(i / 10).frontSeatIds().get(i % 10)));
		Cost joins = measure("waiting-room join (POST /api/events/{id}/queue)", i -> join(queued, "cost-join-" + run + "-" + i));
		Cost time = measure("trivial read (GET /api/time, anonymous)", i -> http.get().uri("/api/time").exchange().expectStatus().isOk());

		for (Cost cost : List.of(time, views, holds, joins)) {
			System.out.println(cost);
		}
		// Reads are limited locally (sync: local), settled with Redis in batches: a caller's repeated reads pay no
		// limiter round trip. Holds are limited exactly (a GET and an EVAL per bucket); a join is each user's first
		// request, which settles once. Measured: docs/scale-out.md.
		assertThat(time.roundTrips()).as(time.toString()).isLessThan(1);
		assertThat(views.roundTrips()).as(views.toString()).isLessThan(3.5);
		assertThat(holds.roundTrips()).as(holds.toString()).isLessThan(9.5);
		assertThat(joins.roundTrips()).as(joins.toString()).isLessThan(8);
		assertThat(time.executed()).as(time.toString()).isLessThan(3);
		assertThat(views.executed()).as(views.toString()).isLessThan(10);
		assertThat(holds.executed()).as(holds.toString()).isLessThan(45);
		assertThat(joins.executed()).as(joins.toString()).isLessThan(80);
	}

	private Cost measure(String what, IntConsumer request) {
		long quietStart = System.nanoTime();
		Map<String, Long> serverBefore = serverCalls();
		Map<String, Long> ownBefore = ownCalls();
		// A measurement window, not a wait for anything: what Redis is asked when nobody asks the application.
		Mono.delay(QUIET).block();
		long quietNanos = System.nanoTime() - quietStart;
		Map<String, Long> serverQuiet = minus(serverCalls(), serverBefore);
		Map<String, Long> ownQuiet = minus(ownCalls(), ownBefore);

		long busyStart = System.nanoTime();
		Map<String, Long> serverStart = serverCalls();
		Map<String, Long> ownStart = ownCalls();
		for (int i = 0; i < N; i++) {
			request.accept(i);
		}
		long busyNanos = System.nanoTime() - busyStart;
		Map<String, Long> server = minus(serverCalls(), serverStart);
		Map<String, Long> own = minus(ownCalls(), ownStart);
		double scale = (double) busyNanos / quietNanos;
		return new Cost(what, perRequest(server, serverQuiet, scale), perRequest(own, ownQuiet, scale));
	}

	private static Map<String, Double> perRequest(Map<String, Long> busy, Map<String, Long> quiet, double scale) {
		var per = new TreeMap<String, Double>();
		busy.forEach((command, calls) -> {
			double net = (calls - quiet.getOrDefault(command, 0L) * scale) / N;
			if (net >= 0.05) {
				per.put(command, Math.round(net * 10) / 10.0);
			}
		});
		return per;
	}

	/**
	 * Redis counts the commands a script runs as well as the script itself. Every client of the application, the rate
	 * limiter's (Bucket4j on a platform connection) included, is metered, so what it sends is its round trips.
	 */
	record Cost(String what, Map<String, Double> server, Map<String, Double> own) {

		/** Commands Redis executed, those inside scripts included: its CPU. */
		double executed() {
			return server.values().stream().mapToDouble(Double::doubleValue).sum();
		}

		/** Commands sent over the network (pipelined ones each count: an upper bound on round trips). */
		double roundTrips() {
			return own.entrySet().stream().filter(entry -> !entry.getKey().equals("CLIENT"))
				.mapToDouble(Map.Entry::getValue).sum();
		}

		@Override
		public String toString() {
			return "Redis per %s: %.1f round trips, %.1f commands executed %s; the application's own client: %s".formatted(what,
					roundTrips(), executed(), server, own);
		}
	}

	/** {@code INFO commandstats}: calls per command since Redis started, every client together. */
	private Map<String, Long> serverCalls() {
		Properties stats = Mono.usingWhen(Mono.fromSupplier(redis::getReactiveConnection),
				connection -> connection.serverCommands().info("commandstats"), connection -> connection.closeLater())
			.block(Duration.ofSeconds(10));
		var calls = new HashMap<String, Long>();
		stats.forEach((key, value) -> {
			String name = key.toString();
			if (name.startsWith("cmdstat_") && !name.equals("cmdstat_info")) {
				String text = value.toString();
				calls.put(name.substring("cmdstat_".length()), Long.parseLong(text.substring(6, text.indexOf(','))));
			}
		});
		return calls;
	}

	/** This application's commands by name (Lettuce's completion timers), the ones INFO asks included. */
	private Map<String, Long> ownCalls() {
		var calls = new HashMap<String, Long>();
		for (Timer timer : meters.find("lettuce.command.completion").timers()) {
			calls.merge(timer.getId().getTag("command"), timer.count(), Long::sum);
		}
		return calls;
	}

	private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
		var delta = new HashMap<String, Long>();
		after.forEach((command, calls) -> delta.put(command, calls - before.getOrDefault(command, 0L)));
		return delta;
	}

	private void view(TestEvent event, String user) {
		http.get().uri("/api/events/{id}", event.id()).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user(user))).exchange()
			.expectStatus().isOk();
	}

	private void hold(TestEvent event, String user, long seat) {
		http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user(user)))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("eventId", event.id(), "seatIds", List.of(seat))).exchange()
			.expectStatus().isCreated();
	}

	private void join(TestEvent event, String user) {
		http.post().uri("/api/events/{id}/queue", event.id()).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user(user)))
			.exchange().expectStatus().isOk();
	}
}
