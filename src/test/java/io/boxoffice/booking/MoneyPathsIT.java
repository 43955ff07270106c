package io.boxoffice.booking;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.catalog.admin.AdminRequests;
import io.boxoffice.holds.SeatHolds;
import io.boxoffice.payment.PaymentGateway;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The money promises (docs/payments.md): nobody is charged without a ticket, no refund is lost, whatever order the
 * side effects run in, and a buyer's mistakes are 4xx answers that lock nothing.
 */
@IntegrationTest
class MoneyPathsIT {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ConnectionFactory connections;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	PaymentGateway gateway;

	@Autowired
	SeatHolds holds;

	@Autowired
	BookingSweeper sweeper;

	@Autowired
	@Qualifier("jobRunner")
	SmartLifecycle jobRunner;

	@LocalServerPort
	int port;

	BookingApi api;
	TestEvent event;
	FakeStripe stripe;

	@BeforeEach
	void setUp() {
		api = new BookingApi(http, tokens);
		event = new CatalogFixtures(db).event("Money", CatalogFixtures.unique("Moneytown"), Category.THEATRE,
				Instant.now().plus(20, ChronoUnit.DAYS));
		stripe = FakeStripe.running();
		stripe.reset();
		stripe.deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
	}

	@AfterEach
	void tearDown() {
		jobRunner.start();
		stripe.resumeWebhooks();
	}

	// Item 2: capture and refund jobs in any order, capture re-reading the booking.

	@Test
	void aCancelWhileTheCaptureWaitsVoidsTheAuthorizationAndTheBuyerIsNeverCharged() {
		Paid paid = paidWhileJobsWait("cap-ann", 0);
		api.cancel("cap-ann", paid.id()).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");

		jobRunner.start();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.cancellations()).contains(paid.paymentIntent()));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(unfinishedJobs(paid.id())).isZero());
		assertThat(stripe.captures()).doesNotContain(paid.paymentIntent());
		assertThat(stripe.refunds()).noneMatch(refund -> refund.paymentIntentId().equals(paid.paymentIntent()));
	}

	@Test
	void aRefundThatRunsBeforeTheCaptureCancelsThePaymentAndTheLateCaptureVoidsInstead() {
		Paid paid = paidWhileJobsWait("cap-ben", 1);
		api.cancel("cap-ben", paid.id()).expectStatus().isOk();
		db.sql("UPDATE job SET run_at = now() + interval '2 seconds' WHERE kind = 'payment.capture' AND payload->>'bookingId' = :id")
			.bind("id", paid.id().toString()).then().block();

		jobRunner.start();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.cancellations()).contains(paid.paymentIntent()));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(unfinishedJobs(paid.id())).isZero());
		assertThat(stripe.captures()).doesNotContain(paid.paymentIntent());
		assertThat(stripe.paymentIntent(paid.paymentIntent()).status()).isEqualTo("canceled");
	}

	// Item 3: Redis follows the ticket rows whatever order the seat jobs run in.

	@Test
	void markSoldRunningAfterUnsellLeavesTheSeatFreeBecausePostgresSaysSo() {
		Paid paid = paidWhileJobsWait("sold-cat", 2);
		api.cancel("sold-cat", paid.id()).expectStatus().isOk();
		db.sql("UPDATE job SET run_at = now() + interval '1 second' WHERE kind = 'holds.mark-sold' AND payload->>'holdId' = :hold")
			.bind("hold", paid.holdId()).then().block();

		jobRunner.start();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(unfinishedJobs(paid.id())).isZero());
		assertThat(redis.opsForSet().isMember("sold:{" + event.id() + "}", paid.seat().toString()).block()).isFalse();
		api.hold("sold-dan", event.id(), List.of(paid.seat())); // 201: the seat is sellable again
	}

	// Item 4: the payment-window extension, undone, gives the hold its old expiry back.

	@Test
	void undoingAPaymentWindowExtensionRestoresTheHoldsExpiry() {
		String holdId = api.hold("ext-eve", event.id(), List.of(event.frontSeatIds().get(3)));
		Instant before = holdExpiry("ext-eve", holdId);

		assertThat(holds.extend(holdId, Duration.ofMinutes(15)).block().expiresAt()).isAfter(before.plusSeconds(60));
		assertThat(holds.undoExtension(holdId).block()).isTrue();

		assertThat(holdExpiry("ext-eve", holdId)).isEqualTo(before);
	}

	@Test
	void racingOneIdempotencyKeyOverAndOverCannotKeepAHoldAliveWithoutPaying() {
		String holdId = api.hold("ext-fay", event.id(), List.of(event.frontSeatIds().get(4)));

		raceWithAConcurrentUseOfTheKey("ext-fay", holdId, "race-key-" + UUID.randomUUID());
		Instant afterFirstRace = holdExpiry("ext-fay", holdId);
		raceWithAConcurrentUseOfTheKey("ext-fay", holdId, "race-key-" + UUID.randomUUID());

		assertThat(holdExpiry("ext-fay", holdId)).as("the second race must not push the hold further out")
			.isBeforeOrEqualTo(afterFirstRace);
	}

	// Item 5: free bookings skip Stripe; amounts Stripe cannot charge are refused before anything is locked.

	@Test
	void aFreeBookingIsConfirmedAtOnceWithoutStripeAndCancelsWithoutARefund() {
		db.sql("UPDATE price_tier SET price_cents = 0 WHERE event_id = :e").bind("e", event.id()).then().block();
		long seat = event.frontSeatIds().get(5);

		Map<String, Object> booking = api.book("free-gus", api.hold("free-gus", event.id(), List.of(seat)));

		assertThat(booking).containsEntry("status", "CONFIRMED").containsEntry("amountCents", 0);
		assertThat(ticketsOf(seat)).isEqualTo(1);
		assertThat(stripe.paymentIntents()).isEmpty();
		api.cancel("free-gus", booking.get("bookingId")).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CANCELLED");
		assertThat(ticketsOf(seat)).isZero();
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(unfinishedJobs(UUID.fromString((String) booking.get("bookingId")))).isZero());
		assertThat(stripe.paymentIntents()).isEmpty();
	}

	@Test
	void aPriceUnderStripesMinimumIsRefusedBeforeTheBookingAndTheHoldStaysItsOwners() {
		db.sql("UPDATE price_tier SET price_cents = 20, currency = 'USD' WHERE event_id = :e").bind("e", event.id()).then().block();
		String holdId = api.hold("min-hal", event.id(), List.of(event.frontSeatIds().get(6)));

		api.createBooking("min-hal", holdId, UUID.randomUUID().toString())
			.expectStatus().isEqualTo(422)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/price-below-payment-minimum")
			.jsonPath("$.minimumCents").isEqualTo(50);

		assertThat(bookingsOfHold(holdId)).isZero();
		http.delete().uri("/api/holds/{id}", holdId).header(HttpHeaders.AUTHORIZATION, api.bearer("min-hal")).exchange()
			.expectStatus().isNoContent();
	}

	@Test
	void anAdminCannotPriceASectionUnderStripesMinimumButMayMakeItFree() {
		var admin = new AdminRequests(http, tokens);
		long venue = admin.create("/api/admin/venues", AdminRequests.venue(CatalogFixtures.unique("Mintown")));
		long performer = admin.create("/api/admin/performers", AdminRequests.performer(CatalogFixtures.unique("Minband")));
		Map<String, Object> event = AdminRequests.event(venue, List.of(performer));

		AdminRequests.expectProblem(admin.post("/api/admin/events",
				AdminRequests.with(event, "priceTiers", List.of(AdminRequests.tier("Stalls", 30, "USD")))),
				400, "/problems/price-below-payment-minimum", "priceTiers[0].priceCents");
		admin.create("/api/admin/events", AdminRequests.with(event, "priceTiers", List.of(AdminRequests.tier("Stalls", 0, "USD"))));
		admin.create("/api/admin/events", AdminRequests.with(event, "priceTiers", List.of(AdminRequests.tier("Stalls", 50, "USD"))));
	}

	// Item 6: overdue is expired, for the confirm and for the sweeper.

	@Test
	void aConfirmAfterThePaymentWindowFailsAsExpiredAndNothingIsCharged() {
		long seat = event.frontSeatIds().get(7);
		Map<String, Object> booking = api.book("late-ida", api.hold("late-ida", event.id(), List.of(seat)));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		db.sql("UPDATE booking SET expires_at = now() - interval '1 second' WHERE id = :id").bind("id", id).then().block();

		api.pay("late-ida", id, "pm_card_visa").expectStatus().isEqualTo(409)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/booking-not-pending")
			.jsonPath("$.bookingStatus").isEqualTo("EXPIRED");

		assertThat(api.booking("late-ida", id)).containsEntry("status", "EXPIRED");
		assertThat(ticketsOf(seat)).isZero();
		String paymentIntent = paymentIntentOf(id);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.paymentIntent(paymentIntent).status())
			.isIn("canceled", "requires_payment_method"));
		assertThat(stripe.captures()).doesNotContain(paymentIntent);
	}

	@Test
	void theSweeperExpiresEveryOverdueBookingNotOnlyTheFirstHundred() {
		db.sql("""
				INSERT INTO booking (id, user_id, event_id, status, amount_cents, currency, hold_id, expires_at)
				SELECT gen_random_uuid(), 'sweep-jon', :e, 'PENDING', 4500, 'GBP', 'sweep-' || n || '-' || :e, now() - interval '1 minute'
				FROM generate_series(1, 250) n""").bind("e", event.id()).then().block();

		sweeper.expireOverdue().block(PATIENCE);

		assertThat(db.sql("SELECT count(*) FROM booking WHERE event_id = :e AND status = 'PENDING'").bind("e", event.id())
			.map((row, meta) -> row.get(0, Long.class)).one().block()).isZero();
	}

	// Item 8: a payment method Stripe does not know is the buyer's mistake.

	@Test
	void aMistypedPaymentMethodIsA422TheBuyerCanCorrect() {
		Map<String, Object> booking = api.book("pm-kim", api.hold("pm-kim", event.id(), List.of(event.frontSeatIds().get(8))));

		for (String mistyped : List.of("pm_bogus", "1")) {
			api.pay("pm-kim", booking.get("bookingId"), mistyped).expectStatus().isEqualTo(422)
				.expectHeader().contentType("application/problem+json")
				.expectBody()
				.jsonPath("$.type").isEqualTo("/problems/payment-method-invalid")
				.jsonPath("$.detail").value(detail -> assertThat(detail.toString()).contains(mistyped).doesNotContain("Stripe"));
		}
		api.pay("pm-kim", booking.get("bookingId"), "pm_card_visa").expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
	}

	// Item 1: the reconciler compares ended and confirmed bookings with Stripe.

	@Test
	void theReconcilerRefundsACancelledBookingWhoseRefundWasLost() {
		Map<String, Object> booking = api.book("rec-lea", api.hold("rec-lea", event.id(), List.of(event.frontSeatIds().get(9))));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		api.pay("rec-lea", id, "pm_card_visa").expectStatus().isOk();
		String paymentIntent = paymentIntentOf(id);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.captures()).contains(paymentIntent));
		// A cancellation whose refund job was lost (an old FAILED job, a restored backup).
		db.sql("DELETE FROM ticket WHERE booking_id = :id").bind("id", id).then().block();
		db.sql("UPDATE booking SET status = 'CANCELLED', updated_at = now() - interval '1 day' WHERE id = :id").bind("id", id).then().block();

		sweeper.reconcile().block(PATIENCE);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.refunds()).anyMatch(r -> r.paymentIntentId().equals(paymentIntent)));
	}

	@Test
	void theReconcilerVoidsTheAuthorizationOfAReleasedBookingWhoseVoidWasLost() {
		Map<String, Object> booking = api.book("rec-max", api.hold("rec-max", event.id(), List.of(event.seatIds().get(0))));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		String paymentIntent = paymentIntentOf(id);
		db.sql("UPDATE booking SET status = 'RELEASED', updated_at = now() - interval '1 day' WHERE id = :id").bind("id", id).then().block();
		stripe.pauseWebhooks(); // the authorization's webhook would void it through the booking; the reconciler must do it alone
		gateway.confirm(paymentIntent, "pm_card_visa", "test-" + id).block(PATIENCE);

		sweeper.reconcile().block(PATIENCE);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.cancellations()).contains(paymentIntent));
	}

	@Test
	void theReconcilerCapturesAConfirmedBookingWhoseCaptureWasLost() {
		Paid paid = paidWhileJobsWait("rec-ned", 0);
		db.sql("DELETE FROM job WHERE kind = 'payment.capture' AND payload->>'bookingId' = :id").bind("id", paid.id().toString()).then().block();
		db.sql("UPDATE booking SET updated_at = now() - interval '1 day', confirmed_at = now() - interval '1 day' WHERE id = :id")
			.bind("id", paid.id()).then().block();
		jobRunner.start();

		sweeper.reconcile().block(PATIENCE);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.captures()).containsOnlyOnce(paid.paymentIntent()));
	}

	@Test
	void captureAndMarkSoldJobsWrittenAsTheOldMapPayloadsStillRun() {
		Paid paid = paidWhileJobsWait("old-ola", 0);
		db.sql("DELETE FROM job WHERE kind IN ('payment.capture', 'holds.mark-sold') AND (payload->>'bookingId' = :id OR payload->>'holdId' = :hold)")
			.bind("id", paid.id().toString()).bind("hold", paid.holdId()).then().block();
		// Rows as a deployment running the Map.of payloads left them in the job table.
		oldJob("payment.capture", "{\"paymentIntentId\": \"%s\", \"bookingId\": \"%s\"}".formatted(paid.paymentIntent(), paid.id()));
		oldJob("holds.mark-sold", "{\"seatIds\": [%d], \"holdId\": \"%s\", \"eventId\": %d}".formatted(paid.seat(), paid.holdId(), event.id()));

		jobRunner.start();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.captures()).containsOnlyOnce(paid.paymentIntent()));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(unfinishedJobs(paid.id())).isZero());
		assertThat(db.sql("SELECT count(*) FROM job WHERE status = 'DONE' AND (payload->>'bookingId' = :id OR payload->>'holdId' = :hold)")
			.bind("id", paid.id().toString()).bind("hold", paid.holdId())
			.map((row, meta) -> row.get(0, Long.class)).one().block()).isGreaterThanOrEqualTo(2);
	}

	private void oldJob(String kind, String payload) {
		db.sql("INSERT INTO job (kind, payload) VALUES (:kind, CAST(:payload AS jsonb))").bind("kind", kind).bind("payload", payload).then().block();
	}

	private record Paid(UUID id, String paymentIntent, String holdId, Long seat) {
	}

	/** A CONFIRMED booking whose capture and seat jobs wait in Postgres: the runner is stopped until the test starts it. */
	private Paid paidWhileJobsWait(String user, int seatIndex) {
		long seat = event.frontSeatIds().get(seatIndex);
		String holdId = api.hold(user, event.id(), List.of(seat));
		Map<String, Object> booking = api.book(user, holdId);
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		jobRunner.stop();
		api.pay(user, id, "pm_card_visa").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
		return new Paid(id, paymentIntentOf(id), holdId, seat);
	}

	/**
	 * Another request with the same key commits while this one has already extended the hold: this one then finds
	 * the key taken for another request (422). The other request's row is written in a transaction held open until
	 * this one waits for it, so the race happens every time.
	 */
	private void raceWithAConcurrentUseOfTheKey(String user, String holdId, String key) {
		Connection other = Mono.from(connections.create()).block();
		try {
			Mono.from(other.beginTransaction()).block();
			Flux.from(other.createStatement("""
					INSERT INTO idempotency_key (user_id, key, request_hash, state, response_status, response)
					VALUES ($1, $2, 'another-request', 'DONE', 201, jsonb_build_object('bookingId', $3))""")
				.bind("$1", user).bind("$2", key).bind("$3", UUID.randomUUID().toString()).execute())
				.flatMap(Result::getRowsUpdated).blockLast();
			var response = Mono.fromCallable(() -> api.createBooking(user, holdId, key).expectStatus().isEqualTo(422))
				.subscribeOn(Schedulers.boundedElastic()).toFuture();
			await().atMost(PATIENCE).until(() -> db.sql("""
					SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO idempotency_key%'""")
				.map((row, meta) -> row.get(0, Long.class)).one().block() > 0);
			Mono.from(other.commitTransaction()).block();
			response.join();
		}
		finally {
			Mono.from(other.close()).block();
		}
	}

	private Instant holdExpiry(String user, String holdId) {
		Map<String, Object> hold = http.get().uri("/api/holds/{id}", holdId).header(HttpHeaders.AUTHORIZATION, api.bearer(user)).exchange()
			.expectStatus().isOk().expectBody(BookingApi.JSON).returnResult().getResponseBody();
		return Instant.parse((String) hold.get("expiresAt"));
	}

	private String paymentIntentOf(UUID bookingId) {
		return db.sql("SELECT payment_intent_id FROM booking WHERE id = :id").bind("id", bookingId)
			.map((row, meta) -> row.get("payment_intent_id", String.class)).one().block();
	}

	private long ticketsOf(long seat) {
		return db.sql("SELECT count(*) FROM ticket WHERE event_id = :e AND seat_id = :s").bind("e", event.id()).bind("s", seat)
			.map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	private long bookingsOfHold(String holdId) {
		return db.sql("SELECT count(*) FROM booking WHERE hold_id = :h").bind("h", holdId)
			.map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	/** Jobs of this booking (payment jobs name it, seat jobs name its hold) not yet done. */
	private long unfinishedJobs(UUID bookingId) {
		return db.sql("""
				SELECT count(*) FROM job WHERE status <> 'DONE'
				  AND (payload->>'bookingId' = :id OR payload->>'holdId' = (SELECT hold_id FROM booking WHERE id = CAST(:id AS uuid)))""")
			.bind("id", bookingId.toString())
			.map((row, meta) -> row.get(0, Long.class)).one().block();
	}
}
