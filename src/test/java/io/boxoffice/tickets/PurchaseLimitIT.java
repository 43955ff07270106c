package io.boxoffice.tickets;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.edge.internal.SecuritySettings;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-buyer cap ({@code boxoffice.booking.max-seats-per-buyer}, 8 by default) on confirmed plus pending plus the
 * new booking's seats. Lives with the tickets tests because it is the same issue's answer to "what one buyer may own".
 */
@IntegrationTest
class PurchaseLimitIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	SecuritySettings security;

	@Autowired
	Clock clock;

	@LocalServerPort
	int port;

	Buyers buyers;
	TestEvent event;

	@BeforeEach
	void setUp() {
		buyers = new Buyers(http, security, clock);
		event = new CatalogFixtures(db).event(CatalogFixtures.unique("Limit"), CatalogFixtures.unique("Capford"),
				Category.CONCERT, Instant.now().plus(20, ChronoUnit.DAYS));
		FakeStripe.running().deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
	}

	@Test
	void confirmedAndPendingSeatsCountAndTheProblemSaysTheLimitAndHowMany() {
		String user = "limit-" + UUID.randomUUID().toString().substring(0, 8);
		List<Long> front = event.frontSeatIds();
		buyers.buy(user, event.id(), front.subList(0, 4)); // confirmed
		buyers.createBooking(user, buyers.hold(user, event.id(), front.subList(4, 6))).expectStatus().isCreated(); // pending
		String hold = buyers.hold(user, event.id(), front.subList(6, 9));

		buyers.createBooking(user, hold).expectStatus().isEqualTo(409)
			.expectHeader().contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/purchase-limit")
			.jsonPath("$.limit").isEqualTo(8)
			.jsonPath("$.alreadyBooked").isEqualTo(6)
			.jsonPath("$.requested").isEqualTo(3)
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("at most 8").contains("already have 6"));
		// Two more still fit; another buyer is not affected.
		buyers.createBooking(user, buyers.hold(user, event.id(), front.subList(9, 10))).expectStatus().isCreated();
		assertThat(count(user)).isEqualTo(7);
	}

	/**
	 * Two bookings of one buyer at once, 5 seats each against a limit of 8: exactly one may pass. Without the advisory
	 * lock both count the other's seats as not there yet and both are created.
	 */
	@RepeatedTest(3)
	void twoConcurrentBookingsOfOneBuyerCannotBothPass() {
		String user = "limit-race-" + UUID.randomUUID().toString().substring(0, 8);
		List<Long> front = event.frontSeatIds();
		String first = buyers.hold(user, event.id(), front.subList(0, 5));
		String second = buyers.hold(user, event.id(), front.subList(5, 10));
		WebClient client = WebClient.create("http://127.0.0.1:" + port);
		String bearer = buyers.bearer(user);

		List<Integer> statuses = Flux.just(first, second)
			.flatMap(hold -> client.post().uri("/api/bookings")
				.header(HttpHeaders.AUTHORIZATION, bearer)
				.header("Idempotency-Key", UUID.randomUUID().toString())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(java.util.Map.of("holdId", hold))
				.exchangeToMono(response -> response.releaseBody().then(Mono.just(response.statusCode().value()))), 2)
			.collectList()
			.block();

		assertThat(statuses).containsExactlyInAnyOrder(201, 409);
		assertThat(count(user)).isEqualTo(5);
	}

	private long count(String user) {
		return db.sql("""
				SELECT count(*) AS n FROM booking_item i JOIN booking b ON b.id = i.booking_id
				WHERE b.user_id = :u AND b.event_id = :e AND b.status IN ('PENDING', 'CONFIRMED')""")
			.bind("u", user).bind("e", event.id()).map((row, meta) -> row.get("n", Long.class)).one().block();
	}
}
