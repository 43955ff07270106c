package io.boxoffice.tickets;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.edge.internal.SecuritySettings;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;

/** Tickets through the real API, Postgres and the fake Stripe: issued on confirm, owner only, voided on cancel. */
@IntegrationTest
class TicketsIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	SecuritySettings security;

	@Autowired
	Clock clock;

	@Autowired
	BookingTickets bookingTickets;

	@LocalServerPort
	int port;

	Buyers buyers;
	TestEvent event;

	@BeforeEach
	void setUp() {
		buyers = new Buyers(http, security, clock);
		event = new CatalogFixtures(db).event(CatalogFixtures.unique("Tickets"), CatalogFixtures.unique("Ticketon"),
				Category.CONCERT, Instant.now().plus(20, ChronoUnit.DAYS));
		FakeStripe.running().deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
	}

	@Test
	void aConfirmedBookingHasOneTicketPerSeatWithADistinctUnguessableSecret() {
		List<Long> seats = event.frontSeatIds().subList(0, 3);
		String bookingId = buyers.buy("tix-ada", event.id(), seats);

		List<Map<String, Object>> tickets = buyers.ticketsOf("tix-ada", bookingId);

		assertThat(tickets).hasSize(3);
		assertThat(tickets).extracting(t -> ((Number) t.get("seatId")).longValue()).containsExactlyInAnyOrderElementsOf(seats);
		assertThat(tickets).allSatisfy(t -> {
			assertThat(t).containsEntry("status", "VALID").containsEntry("section", "Front").containsEntry("bookingId", bookingId);
			assertThat((String) t.get("secret")).matches("[A-Za-z0-9_-]{22}");
			assertThat((String) t.get("secret")).doesNotContain(bookingId.substring(0, 8)).doesNotContain(String.valueOf(t.get("seatId")));
			assertThat(t.get("row")).isEqualTo("A");
		});
		assertThat(new HashSet<>(tickets.stream().map(t -> t.get("secret")).toList())).hasSize(3);
		// The API other modules use (the confirmation email) lists the same tickets.
		assertThat(bookingTickets.of(UUID.fromString(bookingId)).map(IssuedTicket::secret).collectList().block())
			.containsExactlyInAnyOrderElementsOf(tickets.stream().map(t -> (String) t.get("secret")).toList());
	}

	@Test
	void aPendingBookingHasNoTicketsYet() {
		String user = "tix-pending";
		String bookingId = (String) buyers.createBooking(user, buyers.hold(user, event.id(), event.frontSeatIds().subList(0, 1)))
			.expectStatus().isCreated().expectBody(Buyers.JSON).returnResult().getResponseBody().get("bookingId");

		assertThat(buyers.ticketsOf(user, bookingId)).isEmpty();
	}

	@Test
	void anotherUsersBookingIsNotFoundLikeOneThatDoesNotExist() {
		String bookingId = buyers.buy("tix-owner", event.id(), event.frontSeatIds().subList(0, 1));
		String ticketId = (String) buyers.ticketsOf("tix-owner", bookingId).get(0).get("ticketId");

		buyers.tickets("tix-stranger", bookingId).expectStatus().isNotFound()
			.expectHeader().contentType("application/problem+json")
			.expectBody().jsonPath("$.type").isEqualTo("/problems/booking-not-found");
		buyers.tickets("tix-stranger", UUID.randomUUID().toString()).expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/booking-not-found");
		http.get().uri("/api/bookings/{b}/tickets/{t}/qr.svg", bookingId, ticketId)
			.header(HttpHeaders.AUTHORIZATION, buyers.bearer("tix-stranger"))
			.exchange().expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/ticket-not-found");
		http.get().uri("/api/bookings/{b}/tickets", bookingId).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void theQrCodeIsAnSvgForTheOwner() {
		String bookingId = buyers.buy("tix-qr", event.id(), event.frontSeatIds().subList(0, 1));
		String ticketId = (String) buyers.ticketsOf("tix-qr", bookingId).get(0).get("ticketId");

		String svg = http.get().uri("/api/bookings/{b}/tickets/{t}/qr.svg", bookingId, ticketId)
			.header(HttpHeaders.AUTHORIZATION, buyers.bearer("tix-qr"))
			.exchange().expectStatus().isOk()
			.expectHeader().contentType("image/svg+xml")
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(svg).startsWith("<svg").contains("<path");
	}

	@Test
	void cancellingVoidsTheTicketsAndTheDoorSaysSo() {
		String bookingId = buyers.buy("tix-cancel", event.id(), event.frontSeatIds().subList(0, 2));
		String secret = (String) buyers.ticketsOf("tix-cancel", bookingId).get(0).get("secret");

		http.delete().uri("/api/bookings/{id}", bookingId).header(HttpHeaders.AUTHORIZATION, buyers.bearer("tix-cancel"))
			.exchange().expectStatus().isOk();

		assertThat(buyers.ticketsOf("tix-cancel", bookingId)).hasSize(2).allSatisfy(t -> assertThat(t).containsEntry("status", "VOID"));
		buyers.scan(buyers.bearer("gate-1", "SCANNER"), event.id(), secret, "North").expectStatus().isOk()
			.expectBody().jsonPath("$.result").isEqualTo("VOID");
	}
}
