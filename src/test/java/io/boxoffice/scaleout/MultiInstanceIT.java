package io.boxoffice.scaleout;

import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Flux;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.jobs.Jobs;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.LocalNginx;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.services.BackingServices;
import io.boxoffice.support.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two instances, A and B, as two replicas run them: each its own Spring context and port, together on the shared
 * Redis, Kafka and Elasticsearch and on a Postgres database of their own (so that only they compete for the outbox
 * leadership and the jobs), behind the shipped {@code docker/nginx.conf} run by Debian's nginx. Ids in that database
 * start far above the shared one's, so their Redis keys meet no other test's. The tests run in order: the last one
 * kills an instance.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	static AppInstance a;
	static AppInstance b;
	static LocalNginx nginx;
	static WebTestClient balanced;
	static TestTokens tokens;
	static TestEvent event;
	static String database;

	@BeforeAll
	static void startTwoInstancesBehindTheBalancer() throws Exception {
		assumeTrue(LocalNginx.installed(), "Debian's nginx (/usr/sbin/nginx) and openssl are not installed: "
				+ "apt-get install nginx (.ci/run does) to run two instances behind the shipped balancer config");
		Map<String, String> properties = ownDatabase();
		properties.put("server.port", "0");
		// A kill, not a drain: sockets close at once, running jobs are abandoned to their lease.
		properties.put("server.shutdown", "immediate");
		properties.put("boxoffice.jobs.shutdown-timeout", "0s");
		properties.put("boxoffice.jobs.poll-interval", "200ms");
		properties.put("boxoffice.jobs.concurrency", "2");
		properties.put("boxoffice.outbox.leader-retry", "500ms");
		properties.put("boxoffice.edge.trusted-proxies", "127.0.0.1/32");
		properties.put("boxoffice.catalog.view-local-ttl", "0s");
		// The shared indexer group would hand these instances other tests' changes, unknown in this database.
		properties.put("boxoffice.search.indexer-enabled", "false");
		// One after the other: two contexts starting at once reconfigure Logback concurrently and one of them can fail.
		a = AppInstance.start("A", properties);
		b = AppInstance.start("B", properties);
		a.bean(DatabaseClient.class).sql("SELECT setval(oid::regclass, 1500000000) FROM pg_class WHERE relkind = 'S'").then()
			.block(Duration.ofSeconds(30));
		tokens = a.create(TestTokens.class);
		event = new CatalogFixtures(a.bean(DatabaseClient.class)).event("Twin", CatalogFixtures.unique("Twintown"), Category.CONCERT,
				Instant.now().plus(10, ChronoUnit.DAYS));
		assertThat(event.id()).isGreaterThan(1_500_000_000L);

		nginx = LocalNginx.prepare(List.of(a.port(), b.port()));
		var check = nginx.test();
		assertThat(check.exitCode()).as(check.output()).isZero();
		nginx.start();
		var tls = Http11SslContextSpec.forClient().configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE));
		balanced = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create().secure(spec -> spec.sslContext(tls))))
			.baseUrl("https://localhost:" + nginx.httpsPort()).responseTimeout(Duration.ofSeconds(30)).build();
	}

	@AfterAll
	static void stopEverything() throws Exception {
		if (nginx != null) {
			nginx.close();
		}
		for (AppInstance instance : new AppInstance[] { a, b }) {
			if (instance != null) {
				instance.close();
			}
		}
		if (database != null) {
			Map<String, Object> shared = BackingServices.start(BackingServices.Mode.TEST).properties();
			try (var connection = DriverManager.getConnection((String) shared.get("spring.flyway.url"),
					(String) shared.get("spring.flyway.user"), (String) shared.get("spring.flyway.password"))) {
				connection.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			}
		}
	}

	@Test
	@Order(1)
	void aHoldMadeThroughAReachesAWatcherConnectedToB() {
		try (var onB = SeatMapClient.direct(b.port(), event.id())) {
			await().atMost(Duration.ofSeconds(15)).until(() -> onB.snapshots() == 1);
			long seat = event.frontSeatIds().get(0);
			assertThat(onB.status(seat)).isEqualTo("free");

			String holdId = hold(a.http(), "twin-ada", List.of(seat));

			await().atMost(Duration.ofSeconds(2)).until(() -> onB.status(seat).equals("held"));
			a.http().delete().uri("/api/holds/" + holdId).header(HttpHeaders.AUTHORIZATION, bearer("twin-ada")).exchange()
				.expectStatus().isNoContent();
			await().atMost(Duration.ofSeconds(2)).until(() -> onB.status(seat).equals("free"));
		}
	}

	@Test
	@Order(2)
	void theOutboxRelayHasExactlyOneLeader() {
		await().atMost(Duration.ofSeconds(15)).until(() -> leaders() == 1);
		// Both keep trying for the lock every 500 ms; for 3 s neither may take it while the other holds it.
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> leaders() == 1);
	}

	@Test
	@Order(3)
	void aJobEnqueuedWhileBothRunIsRunByExactlyOneOfThem() {
		Jobs jobs = a.bean(Jobs.class);
		List<Long> ids = Flux.range(0, 40).concatMap(n -> jobs.enqueue(AppInstance.PROBE, Map.of("n", n))).collectList()
			.block(Duration.ofSeconds(30));

		var db = a.bean(DatabaseClient.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> db.sql("SELECT count(*) AS n FROM job WHERE id = ANY(:ids) AND status = 'DONE'")
			.bind("ids", ids.toArray(Long[]::new)).map((row, meta) -> row.get("n", Long.class)).one().block() == ids.size());
		assertThat(ids).allSatisfy(id -> assertThat(AppInstance.PROBE_RUNS.get(id)).as("runs of job %d", id).hasSize(1));
		assertThat(AppInstance.probesRunBy("A")).as("jobs A ran").isNotEmpty();
		assertThat(AppInstance.probesRunBy("B")).as("jobs B ran").isNotEmpty();
	}

	@Test
	@Order(4)
	void killingAnInstanceMidFlowLosesNothing() {
		FakeStripe stripe = FakeStripe.running();
		List<Long> seats = event.frontSeatIds().subList(2, 4);
		try (var first = SeatMapClient.throughBalancer(nginx.httpsPort(), event.id());
				var second = SeatMapClient.throughBalancer(nginx.httpsPort(), event.id())) {
			// Fewest connections first: the second client goes to the instance the first did not.
			await().atMost(Duration.ofSeconds(15)).until(() -> first.snapshots() == 1 && second.snapshots() == 1);
			assertThat(List.of(a.gauge("boxoffice.seatmap.connections"), b.gauge("boxoffice.seatmap.connections")))
				.as("live seat map connections on A and B").containsExactly(1.0, 1.0);

			await().atMost(Duration.ofSeconds(15)).until(() -> leaders() == 1);
			AppInstance doomed = a.gauge("boxoffice.outbox.leader") == 1 ? a : b;
			AppInstance survivor = doomed == a ? b : a;

			// A buyer's booking is made on the instance that is about to die; the payment comes later.
			String holdId = hold(doomed.http(), "twin-bo", seats);
			Map<String, Object> booking = doomed.http().post().uri("/api/bookings").header(HttpHeaders.AUTHORIZATION, bearer("twin-bo"))
				.header("Idempotency-Key", UUID.randomUUID().toString()).contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("holdId", holdId)).exchange()
				.expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
			await().atMost(Duration.ofSeconds(2)).until(() -> seats.stream().allMatch(seat -> first.status(seat).equals("held")
					&& second.status(seat).equals("held")));

			doomed.kill();

			// The client that was on the dead instance reconnects through the balancer and starts from a fresh snapshot.
			await().atMost(Duration.ofSeconds(15)).until(() -> first.snapshots() + second.snapshots() == 3);
			assertThat(survivor.gauge("boxoffice.seatmap.connections")).isEqualTo(2.0);
			assertThat(seats).allSatisfy(seat -> {
				assertThat(first.status(seat)).isEqualTo("held");
				assertThat(second.status(seat)).isEqualTo("held");
			});

			// The booking completes through the balancer, now on the survivor: confirmed, captured, sold, relayed.
			balanced.post().uri("/api/bookings/{id}/confirm", booking.get("bookingId"))
				.header(HttpHeaders.AUTHORIZATION, bearer("twin-bo")).contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("paymentMethod", "pm_card_visa")).exchange()
				.expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
			String paymentIntent = ((String) booking.get("clientSecret")).split("_secret_")[0];
			var db = survivor.bean(DatabaseClient.class);
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				assertThat(stripe.captures()).contains(paymentIntent);
				assertThat(seats).allSatisfy(seat -> {
					assertThat(first.status(seat)).isEqualTo("sold");
					assertThat(second.status(seat)).isEqualTo("sold");
				});
				assertThat(survivor.gauge("boxoffice.outbox.leader")).as("the survivor took the relay over").isEqualTo(1.0);
				assertThat(db.sql("SELECT count(*) AS n FROM outbox").map((row, meta) -> row.get("n", Long.class)).one().block())
					.as("outbox rows not yet relayed").isZero();
				assertThat(db.sql("SELECT count(*) AS n FROM job WHERE status <> 'DONE'").map((row, meta) -> row.get("n", Long.class))
					.one().block()).as("jobs not done").isZero();
			});
		}
	}

	/** Relay leaders among the instances still running. */
	private static int leaders() {
		return (int) (a.gauge("boxoffice.outbox.leader") + b.gauge("boxoffice.outbox.leader"));
	}

	private static String hold(WebTestClient http, String user, List<Long> seatIds) {
		return (String) http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer(user))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("eventId", event.id(), "seatIds", seatIds)).exchange()
			.expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("holdId");
	}

	private static String bearer(String user) {
		return TestTokens.bearer(tokens.user(user));
	}

	/** A database of their own on the shared Postgres, for both instances. */
	private static Map<String, String> ownDatabase() throws Exception {
		Map<String, Object> shared = BackingServices.start(BackingServices.Mode.TEST).properties();
		database = "instances_" + UUID.randomUUID().toString().substring(0, 8);
		String jdbc = (String) shared.get("spring.flyway.url");
		try (var connection = DriverManager.getConnection(jdbc, (String) shared.get("spring.flyway.user"),
				(String) shared.get("spring.flyway.password"))) {
			connection.createStatement().execute("CREATE DATABASE " + database);
		}
		String r2dbc = (String) shared.get("spring.r2dbc.url");
		var properties = new HashMap<String, String>();
		properties.put("spring.flyway.url", jdbc.substring(0, jdbc.lastIndexOf('/') + 1) + database);
		properties.put("spring.r2dbc.url", r2dbc.substring(0, r2dbc.lastIndexOf('/') + 1) + database);
		return properties;
	}
}
