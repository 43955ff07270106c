package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** A fixed limit of 10: checkout is guaranteed 6 places, the queue 3 (rounded up), reads 2. */
class LoadSheddingTest {

	private static final SheddingSettings SETTINGS = new SheddingSettings(true, 10, 10, 10,
			new SheddingSettings.Shares(0.6, 0.25, 0.15), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final CheckoutSheds checkout = new CheckoutSheds(Clock.systemUTC(), Duration.ofSeconds(2));
	private final LoadShedding shedding = new LoadShedding(LoadSheddingConfiguration.limiter(SETTINGS), SETTINGS,
			new ProblemWriter(ServerCodecConfigurer.create()), checkout, meters);
	private final Sinks.Empty<Void> gate = Sinks.empty();
	private final AtomicInteger reached = new AtomicInteger();
	private final List<Disposable> running = new ArrayList<>();

	/** Starts a request whose handler waits for the gate. */
	private void hold(HttpMethod method, String path) {
		running.add(shedding.filter(exchange(method, path), waitingForTheGate()).subscribe());
	}

	private WebFilterChain waitingForTheGate() {
		return exchange -> {
			reached.incrementAndGet();
			return gate.asMono();
		};
	}

	/** Sends a request whose handler answers at once; returns the exchange to look at the answer. */
	private MockServerWebExchange send(HttpMethod method, String path) {
		MockServerWebExchange exchange = exchange(method, path);
		shedding.filter(exchange, ignored -> {
			reached.incrementAndGet();
			return Mono.empty();
		}).block(Duration.ofSeconds(5));
		return exchange;
	}

	private static MockServerWebExchange exchange(HttpMethod method, String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.method(method, path).build());
	}

	private double inFlight(String partition) {
		return meters.get("boxoffice.shedding.in_flight").tag("partition", partition).gauge().value();
	}

	private double rejected(String partition) {
		return meters.get("boxoffice.shedding.rejected").tag("partition", partition).counter().count();
	}

	@Test
	void belowTheLimitReadsBorrowTheIdlePlacesOfOtherPartitions() {
		for (int i = 0; i < 10; i++) {
			hold(HttpMethod.GET, "/api/events/" + i);
		}
		assertThat(reached).hasValue(10);
		assertThat(inFlight("reads")).isEqualTo(10);
		assertThat(meters.get("boxoffice.shedding.limit").gauge().value()).isEqualTo(10);
	}

	@Test
	void overTheLimitAReadIsShedWith503ProblemAndJitteredRetryAfterWhileCheckoutStillPasses() {
		for (int i = 0; i < 10; i++) {
			hold(HttpMethod.GET, "/api/events/" + i);
		}
		MockServerWebExchange read = send(HttpMethod.GET, "/api/search");
		assertThat(read.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(read.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(Long.parseLong(read.getResponse().getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 3L);
		assertThat(read.getResponse().getBodyAsString().block()).contains("\"type\":\"/problems/overloaded\"")
			.contains("\"retryAfterSeconds\":");
		assertThat(rejected("reads")).isEqualTo(1);
		assertThat(reached).hasValue(10);

		MockServerWebExchange hold = send(HttpMethod.POST, "/api/holds");
		assertThat(hold.getResponse().getStatusCode()).isNull(); // untouched by the filter: the handler answers
		assertThat(reached).hasValue(11);
		assertThat(checkout.admissionFactor()).isEqualTo(1.0);
	}

	@Test
	void checkoutKeepsItsShareWhenReadsFillTheLimitButNoMore() {
		for (int i = 0; i < 10; i++) {
			hold(HttpMethod.GET, "/api/events/" + i);
		}
		for (int i = 0; i < 6; i++) {
			hold(HttpMethod.POST, "/api/holds");
		}
		assertThat(reached).hasValue(16);
		MockServerWebExchange seventh = send(HttpMethod.POST, "/api/bookings");
		assertThat(seventh.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(rejected("checkout")).isEqualTo(1);
		assertThat(checkout.admissionFactor()).isLessThan(1.0);
		// The queue still has its own three places.
		for (int i = 0; i < 3; i++) {
			hold(HttpMethod.POST, "/api/events/" + i + "/queue");
		}
		assertThat(reached).hasValue(19);
		assertThat(send(HttpMethod.GET, "/api/queue/some-ticket").getResponse().getStatusCode())
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
	}

	@Test
	void placesAreGivenBackWhenRequestsEndHoweverTheyEnd() {
		for (int i = 0; i < 10; i++) {
			hold(HttpMethod.GET, "/api/events/" + i);
		}
		shedding.filter(exchange(HttpMethod.POST, "/api/holds"), ignored -> Mono.error(new IllegalStateException("bug")))
			.onErrorComplete().block(Duration.ofSeconds(5));
		running.get(0).dispose(); // a client that went away
		assertThat(inFlight("reads")).isEqualTo(9);
		assertThat(inFlight("checkout")).isZero();
		gate.tryEmitEmpty();
		assertThat(inFlight("reads")).isZero();
		for (int i = 0; i < 10; i++) {
			assertThat(send(HttpMethod.GET, "/api/events/" + i).getResponse().getStatusCode()).isNull();
		}
	}

	@Test
	void webhooksHealthStaticFilesAndSocketsPassEvenWhenFull() {
		for (int i = 0; i < 10; i++) {
			hold(HttpMethod.GET, "/api/events/" + i);
		}
		for (String path : List.of("/api/payments/stripe/webhook", "/actuator/health", "/index.html",
				"/ws/events/1/availability", "/api/admin/events/1/queue")) {
			assertThat(send(HttpMethod.POST, path).getResponse().getStatusCode()).as(path).isNull();
		}
		assertThat(reached).hasValue(15);
	}
}
