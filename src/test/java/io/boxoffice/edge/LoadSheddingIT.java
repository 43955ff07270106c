package io.boxoffice.edge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.SlowRoute;
import io.boxoffice.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A limit fixed at 10 (min = max = initial): checkout is guaranteed 6 places, the queue 3, reads 2. Requests on the
 * {@link SlowRoute} stay in flight until the test opens its gate.
 */
@IntegrationTest
@Import(SlowRoute.class)
@TestPropertySource(properties = {
		"boxoffice.edge.shedding.min-limit=10",
		"boxoffice.edge.shedding.initial-limit=10",
		"boxoffice.edge.shedding.max-limit=10",
		"boxoffice.edge.shedding.retry-after-max=3s",
		"boxoffice.edge.shedding.pressure-half-life=500ms" })
class LoadSheddingIT {

	private static final int LIMIT = 10;

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	SlowRoute.Gate gate;

	@Autowired
	MeterRegistry meters;

	@Autowired
	CheckoutPressure pressure;

	@LocalServerPort
	int port;

	private final List<HttpStatusCode> slowAnswers = new CopyOnWriteArrayList<>();

	@AfterEach
	void openTheGate() {
		gate.open();
	}

	/** Sends {@code count} requests to a slow route without waiting, and waits until all are in flight. */
	private void fill(String path, String partition, int count, String bearer) {
		var pool = ConnectionProvider.builder("slow").maxConnections(2 * count).build();
		var client = WebClient.builder()
			.baseUrl("http://localhost:" + port)
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
			.build();
		for (int i = 0; i < count; i++) {
			client.get().uri(path).headers(headers -> {
				if (bearer != null) {
					headers.setBearerAuth(bearer);
				}
			}).retrieve().toBodilessEntity().doFinally(signal -> pool.dispose())
				.subscribe(answer -> slowAnswers.add(answer.getStatusCode()), failure -> slowAnswers.add(HttpStatusCode.valueOf(599)));
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(partition) == count);
	}

	private double inFlight(String partition) {
		return meters.get("boxoffice.shedding.in_flight").tag("partition", partition).gauge().value();
	}

	@Test
	void overTheLimitReadsAreShedWith503AndRetryAfterWhileCheckoutWebhooksAndHealthPass() {
		fill(SlowRoute.READ, "reads", LIMIT, null);

		http.get().uri("/api/events/999999").exchange()
			.expectStatus().isEqualTo(503)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().value(HttpHeaders.RETRY_AFTER, value -> assertThat(Long.parseLong(value)).isBetween(1L, 3L))
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/overloaded")
			.jsonPath("$.status").isEqualTo(503)
			.jsonPath("$.retryAfterSeconds").isNumber();

		// A buyer's checkout request still has its guaranteed share.
		http.get().uri("/api/bookings").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("shed-buyer")))
			.exchange()
			.expectStatus().isOk();
		// Stripe's webhook is never shed: it reaches its handler, which refuses the missing signature.
		http.post().uri("/api/payments/stripe/webhook").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-webhook-signature");
		http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

		String scrape = http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(scrape).containsPattern("boxoffice_shedding_limit\\{[^}]*} 10\\.0")
			.containsPattern("boxoffice_shedding_rejected_total\\{[^}]*partition=\"reads\"} [1-9]")
			.containsPattern("boxoffice_shedding_in_flight\\{[^}]*partition=\"reads\"} 10\\.0");
		assertThat(pressure.admissionFactor()).as("reads shed, checkout not").isEqualTo(1.0);

		gate.open();
		await().atMost(Duration.ofSeconds(20)).until(() -> slowAnswers.size() == LIMIT);
		assertThat(slowAnswers).allMatch(status -> status.value() == 200);
		http.get().uri("/api/events/999999").exchange().expectStatus().isNotFound();
	}

	@Test
	void checkoutShedBeyondItsShareSlowsTheWaitingRoomWhichRecoversOnceItStops() {
		fill(SlowRoute.CHECKOUT, "checkout", LIMIT, tokens.user("slow-buyer"));
		String buyer = TestTokens.bearer(tokens.user("shed-checkout-buyer"));
		for (int i = 0; i < 20; i++) {
			http.get().uri("/api/bookings").header(HttpHeaders.AUTHORIZATION, buyer).exchange()
				.expectStatus().isEqualTo(503)
				.expectHeader().exists(HttpHeaders.RETRY_AFTER)
				.expectBody().jsonPath("$.type").isEqualTo("/problems/overloaded");
		}
		assertThat(pressure.admissionFactor()).isLessThan(0.5).isGreaterThanOrEqualTo(0.1);
		// Reads keep their own (small) share while checkout has borrowed the rest.
		http.get().uri("/api/events/999999").exchange().expectStatus().isNotFound();

		gate.open();
		await().atMost(Duration.ofSeconds(20)).until(() -> slowAnswers.size() == LIMIT);
		assertThat(slowAnswers).allMatch(status -> status.value() == 200);
		await().atMost(Duration.ofSeconds(20)).until(() -> pressure.admissionFactor() > 0.95);
		http.get().uri("/api/bookings").header(HttpHeaders.AUTHORIZATION, buyer).exchange().expectStatus().isOk();
	}
}
