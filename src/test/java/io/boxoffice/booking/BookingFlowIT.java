package io.boxoffice.booking;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A buyer's whole path through the real HTTP API, Postgres, Redis and the fake Stripe. */
@IntegrationTest
class BookingFlowIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@LocalServerPort
	int port;

	BookingApi api;
	TestEvent event;
	FakeStripe stripe;

	@BeforeEach
	void setUp() {
		api = new BookingApi(http, tokens);
		event = new CatalogFixtures(db).event("Flow", CatalogFixtures.unique("Flowtown"), Category.CONCERT,
				Instant.now().plus(20, ChronoUnit.DAYS));
		stripe = FakeStripe.running();
		stripe.reset();
		stripe.deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
	}

	@Test
	void holdBookPayConfirmsCapturesAndSellsTheSeats() {
		List<Long> seats = event.frontSeatIds().subList(0, 2);
		String holdId = api.hold("flow-ada", event.id(), seats);

		Map<String, Object> booking = api.book("flow-ada", holdId);
		assertThat(booking).containsEntry("status", "PENDING").containsEntry("amountCents", 9000).containsEntry("currency", "GBP");
		assertThat((String) booking.get("clientSecret")).contains("_secret_");

		api.pay("flow-ada", booking.get("bookingId"), "pm_card_visa").expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");

		assertThat(ticketOwners(seats)).containsOnly(UUID.fromString((String) booking.get("bookingId")));
		String paymentIntent = paymentIntentOf(booking);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(stripe.captures()).contains(paymentIntent);
			assertThat(soldInAvailability()).containsAll(seats);
		});
	}

	@Test
	void aDeclinedCardIsAPaymentProblemAndAnotherCardStillWorks() {
		String holdId = api.hold("flow-bob", event.id(), List.of(event.frontSeatIds().get(2)));
		Map<String, Object> booking = api.book("flow-bob", holdId);

		api.pay("flow-bob", booking.get("bookingId"), "pm_card_chargeDeclined").expectStatus().isEqualTo(402)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/payment-declined")
			.jsonPath("$.declineCode").isNotEmpty();
		assertThat(api.booking("flow-bob", booking.get("bookingId"))).containsEntry("status", "PENDING");

		api.pay("flow-bob", booking.get("bookingId"), "pm_card_visa").expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
	}

	@Test
	void threeDSecureAsksForActionAndTheWebhookConfirmsOnceAuthenticated() {
		String holdId = api.hold("flow-cy", event.id(), List.of(event.frontSeatIds().get(3)));
		Map<String, Object> booking = api.book("flow-cy", holdId);

		api.pay("flow-cy", booking.get("bookingId"), "pm_card_threeDSecure2Required").expectStatus().isAccepted()
			.expectBody()
			.jsonPath("$.status").isEqualTo("PENDING")
			.jsonPath("$.nextAction").isEqualTo("REQUIRES_ACTION")
			.jsonPath("$.clientSecret").isNotEmpty();

		stripe.authenticate(paymentIntentOf(booking), true);

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(api.booking("flow-cy", booking.get("bookingId"))).containsEntry("status", "CONFIRMED"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void aBookingShowsItsEventAndSeatsByNameAndTheEndOfThePaymentWindowOnlyWhilePending() {
		List<Long> seats = event.frontSeatIds().subList(4, 6);
		String holdId = api.hold("flow-dee", event.id(), seats);
		Map<String, Object> created = api.book("flow-dee", holdId);
		Object bookingId = created.get("bookingId");

		for (Map<String, Object> pending : List.of(created, api.booking("flow-dee", bookingId))) {
			assertThat(pending).containsKey("expiresAt").doesNotContainKey("reason").doesNotContainKey("paymentError");
			@SuppressWarnings("unchecked")
			Map<String, Object> shown = (Map<String, Object>) pending.get("event");
			assertThat(shown).containsEntry("id", (int) event.id()).containsEntry("name", "Flow")
				.containsEntry("timeZone", "Europe/London").containsKeys("startsAt", "localStartsAt");
			assertThat((Map<String, Object>) shown.get("venue")).containsEntry("id", (int) event.venueId()).containsKeys("name", "city");
			// The fixture's front section has rows A and B, seats 1..5 each: the 5th and 6th seats are A5 and B1.
			assertThat((List<Object>) pending.get("seats")).containsExactly(
					Map.of("seatId", seats.get(0).intValue(), "section", "Front", "row", "A", "number", "5", "priceCents", 4500),
					Map.of("seatId", seats.get(1).intValue(), "section", "Front", "row", "B", "number", "1", "priceCents", 4500));
		}

		api.pay("flow-dee", bookingId, "pm_card_visa").expectStatus().isOk();
		Map<String, Object> confirmed = api.booking("flow-dee", bookingId);
		assertThat(confirmed).containsEntry("status", "CONFIRMED").containsKey("confirmedAt").doesNotContainKey("expiresAt");
		assertThat((List<?>) confirmed.get("seats")).hasSize(2);
	}

	@Test
	void aFailed3DSecureAttemptSaysWhyAndTheBuyerMayPayAgain() {
		String holdId = api.hold("flow-eve", event.id(), List.of(event.frontSeatIds().get(7)));
		Map<String, Object> booking = api.book("flow-eve", holdId);
		api.pay("flow-eve", booking.get("bookingId"), "pm_card_threeDSecure2Required").expectStatus().isAccepted();

		stripe.authenticate(paymentIntentOf(booking), false);

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(api.booking("flow-eve", booking.get("bookingId")))
			.containsEntry("status", "PENDING")
			.hasEntrySatisfying("paymentError", why -> assertThat((String) why).contains("3-D Secure", "payment_intent_authentication_failure")));
		api.pay("flow-eve", booking.get("bookingId"), "pm_card_visa").expectStatus().isOk();
		assertThat(api.booking("flow-eve", booking.get("bookingId"))).containsEntry("status", "CONFIRMED").doesNotContainKey("paymentError");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theBookingListPagesNewestFirstWithAnOpaqueCursor() {
		String buyer = "flow-pager-" + UUID.randomUUID();
		List<Object> ids = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			ids.add(0, api.book(buyer, api.hold(buyer, event.id(), List.of(event.frontSeatIds().get(i)))).get("bookingId"));
		}

		Map<String, Object> first = api.list(buyer, "?limit=2").expectStatus().isOk().expectBody(BookingApi.JSON).returnResult().getResponseBody();
		assertThat((List<Map<String, Object>>) first.get("items")).extracting(item -> item.get("bookingId")).containsExactly(ids.get(0), ids.get(1));
		assertThat(((List<Map<String, Object>>) first.get("items")).get(0)).containsKeys("event", "seats");
		Map<String, Object> second = api.list(buyer, "?limit=2&cursor=" + first.get("next")).expectStatus().isOk()
			.expectBody(BookingApi.JSON).returnResult().getResponseBody();
		assertThat((List<Map<String, Object>>) second.get("items")).extracting(item -> item.get("bookingId")).containsExactly(ids.get(2));
		assertThat(second.get("next")).isNull();

		for (String bad : List.of("?limit=0", "?limit=101", "?cursor=garbage", "?page=2")) {
			api.list(buyer, bad).expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-request")
				.jsonPath("$.parameter").isEqualTo(bad.substring(1, bad.indexOf('=')));
		}
	}

	@Test
	void theSameIdempotencyKeyReplaysTheBookingAndAnotherBodyIsRefused() {
		String holdId = api.hold("flow-di", event.id(), List.of(event.frontSeatIds().get(4)));
		String key = UUID.randomUUID().toString();

		var first = api.createBooking("flow-di", holdId, key).expectStatus().isCreated().expectBody(BookingApi.JSON).returnResult().getResponseBody();
		var again = api.createBooking("flow-di", holdId, key).expectStatus().isCreated().expectBody(BookingApi.JSON).returnResult().getResponseBody();
		assertThat(again.get("bookingId")).isEqualTo(first.get("bookingId"));
		assertThat(again.get("clientSecret")).isEqualTo(first.get("clientSecret"));
		assertThat(stripe.paymentIntents()).hasSize(1);

		api.createBooking("flow-di", "some-other-hold", key).expectStatus().isEqualTo(422)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/idempotency-key-reused");
		api.createBooking("flow-di", holdId, null).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/idempotency-key-missing");
		api.createBooking("flow-di", holdId, UUID.randomUUID().toString()).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/hold-already-booked");
	}

	@Test
	void nobodyElseCanReadPayOrCancelABooking() {
		String holdId = api.hold("flow-owner", event.id(), List.of(event.frontSeatIds().get(5)));
		Object bookingId = api.book("flow-owner", holdId).get("bookingId");

		http.get().uri("/api/bookings/{id}", bookingId).header("Authorization", api.bearer("flow-intruder")).exchange()
			.expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo("/problems/booking-not-found");
		api.pay("flow-intruder", bookingId, "pm_card_visa").expectStatus().isNotFound();
		api.cancel("flow-intruder", bookingId).expectStatus().isNotFound();
		api.createBooking("flow-intruder", holdId, UUID.randomUUID().toString()).expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/hold-not-found");
		assertThat(api.booking("flow-owner", bookingId)).containsEntry("status", "PENDING");
	}

	@Test
	void cancellingAConfirmedBookingRefundsAndFreesTheSeats() {
		List<Long> seats = List.of(event.frontSeatIds().get(6));
		Map<String, Object> booking = api.book("flow-eve", api.hold("flow-eve", event.id(), seats));
		api.pay("flow-eve", booking.get("bookingId"), "pm_card_visa").expectStatus().isOk();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(soldInAvailability()).containsAll(seats));

		api.cancel("flow-eve", booking.get("bookingId")).expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CANCELLED");

		assertThat(ticketOwners(seats)).isEmpty();
		String paymentIntent = paymentIntentOf(booking);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(stripe.refunds()).anySatisfy(refund -> assertThat(refund.paymentIntentId()).isEqualTo(paymentIntent));
			assertThat(soldInAvailability()).doesNotContainAnyElementsOf(seats);
		});
		api.hold("flow-fay", event.id(), seats);
	}

	@Test
	void aHoldABookingIsPayingForIsTheBookingsToEndAndCancellingThatBookingFreesTheSeats() {
		List<Long> seats = List.of(event.frontSeatIds().get(7));
		String holdId = api.hold("flow-hal", event.id(), seats);
		Map<String, Object> booking = api.book("flow-hal", holdId);

		http.delete().uri("/api/holds/" + holdId).header(HttpHeaders.AUTHORIZATION, api.bearer("flow-hal")).exchange()
			.expectStatus().isEqualTo(409)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/hold-in-booking")
			.jsonPath("$.holdId").isEqualTo(holdId);
		assertThat(heldInAvailability()).containsAll(seats);

		api.cancel("flow-hal", booking.get("bookingId")).expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("RELEASED");
		String paymentIntent = paymentIntentOf(booking);
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			assertThat(heldInAvailability()).doesNotContainAnyElementsOf(seats);
			assertThat(stripe.cancellations()).contains(paymentIntent);
		});
		api.hold("flow-ivy", event.id(), seats);
	}

	@Test
	void aBookingThatCannotBeWrittenHandsItsHoldBackToTheOwner() {
		List<Long> seats = List.of(event.frontSeatIds().get(8));
		String holdId = api.hold("flow-jo", event.id(), seats);
		// Postgres refuses this one user's booking rows, after the hold was extended for the payment window.
		db.sql("""
				CREATE FUNCTION refuse_flow_jo() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				  IF NEW.user_id = 'flow-jo' THEN RAISE EXCEPTION 'injected failure'; END IF;
				  RETURN NEW;
				END $$""").then().block();
		db.sql("CREATE TRIGGER refuse_flow_jo BEFORE INSERT ON booking FOR EACH ROW EXECUTE FUNCTION refuse_flow_jo()").then().block();
		try {
			api.createBooking("flow-jo", holdId, UUID.randomUUID().toString()).expectStatus().is5xxServerError();
		}
		finally {
			db.sql("DROP TRIGGER refuse_flow_jo ON booking").then().block();
			db.sql("DROP FUNCTION refuse_flow_jo()").then().block();
		}
		assertThat(db.sql("SELECT count(*) AS n FROM booking WHERE hold_id = :h").bind("h", holdId)
			.map((row, meta) -> row.get("n", Long.class)).one().block()).isZero();

		http.delete().uri("/api/holds/" + holdId).header(HttpHeaders.AUTHORIZATION, api.bearer("flow-jo")).exchange()
			.expectStatus().isNoContent();
		assertThat(heldInAvailability()).doesNotContainAnyElementsOf(seats);
		api.hold("flow-kit", event.id(), seats);
	}

	@Test
	void aBookingCannotBeCancelledAfterTheCutOff() {
		TestEvent soon = new CatalogFixtures(db).event("Soon", CatalogFixtures.unique("Soonville"), Category.COMEDY,
				Instant.now().plus(2, ChronoUnit.HOURS));
		Map<String, Object> booking = api.book("flow-gus", api.hold("flow-gus", soon.id(), List.of(soon.frontSeatIds().get(0))));
		api.pay("flow-gus", booking.get("bookingId"), "pm_card_visa").expectStatus().isOk();

		api.cancel("flow-gus", booking.get("bookingId")).expectStatus().isEqualTo(409)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/booking-not-cancellable")
			.jsonPath("$.cancellableUntil").isNotEmpty();
	}

	private List<UUID> ticketOwners(List<Long> seats) {
		return db.sql("SELECT booking_id FROM ticket WHERE event_id = :e AND seat_id = ANY(:s)")
			.bind("e", event.id()).bind("s", seats.toArray(Long[]::new))
			.map((row, meta) -> row.get("booking_id", UUID.class)).all().collectList().block();
	}

	private String paymentIntentOf(Map<String, Object> booking) {
		return db.sql("SELECT payment_intent_id FROM booking WHERE id = :id").bind("id", UUID.fromString((String) booking.get("bookingId")))
			.map((row, meta) -> row.get("payment_intent_id", String.class)).one().block();
	}

	private List<Long> soldInAvailability() {
		return availability("sold");
	}

	private List<Long> heldInAvailability() {
		return availability("held");
	}

	@SuppressWarnings("unchecked")
	private List<Long> availability(String status) {
		Map<String, Object> availability = http.get().uri("/api/events/{id}/availability", event.id()).exchange()
			.expectStatus().isOk().expectBody(BookingApi.JSON).returnResult().getResponseBody();
		return ((List<Number>) availability.get(status)).stream().map(Number::longValue).toList();
	}
}
