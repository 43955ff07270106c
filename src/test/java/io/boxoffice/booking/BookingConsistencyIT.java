package io.boxoffice.booking;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.catalog.Category;
import io.boxoffice.payment.PaymentConfirmation;
import io.boxoffice.payment.PaymentGateway;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The failure paths of the consistency argument: Redis forgetting holds, the API and the webhook racing,
 * duplicated and forged webhooks, expiry, and side effects that must outlive the request.
 */
@IntegrationTest
class BookingConsistencyIT {

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	PaymentGateway gateway;

	@Autowired
	BookingLifecycle lifecycle;

	@Autowired
	BookingSweeper sweeper;

	@Autowired
	Bookings bookings;

	@Autowired
	TransactionalOperator transaction;

	/** The application's job runner (its class is package-private to the jobs module). */
	@Autowired
	@org.springframework.beans.factory.annotation.Qualifier("jobRunner")
	SmartLifecycle jobRunner;

	@LocalServerPort
	int port;

	BookingApi api;
	TestEvent event;
	FakeStripe stripe;
	ExecutorService threads = Executors.newFixedThreadPool(2);

	@BeforeEach
	void setUp() {
		api = new BookingApi(http, tokens);
		event = new CatalogFixtures(db).event("Consistency", CatalogFixtures.unique("Consistown"), Category.SPORTS,
				Instant.now().plus(20, ChronoUnit.DAYS));
		stripe = FakeStripe.running();
		stripe.reset();
		stripe.deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
	}

	@AfterEach
	void tearDown() {
		threads.shutdownNow();
		stripe.resumeWebhooks();
	}

	@Test
	void whenRedisForgetsAHoldBothBuyersMayPayButExactlyOneGetsTheSeatAndTheOtherIsNeverCharged() {
		long seat = event.frontSeatIds().get(0);
		Map<String, Object> first = api.book("race-ann", api.hold("race-ann", event.id(), List.of(seat)));

		redis.execute(connection -> connection.serverCommands().flushAll()).blockLast();

		Map<String, Object> second = api.book("race-ben", api.hold("race-ben", event.id(), List.of(seat)));
		api.pay("race-ann", first.get("bookingId"), "pm_card_visa").expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
		api.pay("race-ben", second.get("bookingId"), "pm_card_visa").expectStatus().isEqualTo(409)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/seat-sold-elsewhere")
			.jsonPath("$.bookingStatus").isEqualTo("RELEASED");

		assertThat(api.booking("race-ben", second.get("bookingId"))).containsEntry("status", "RELEASED");
		String losersPayment = paymentIntentOf(second.get("bookingId"));
		String winnersPayment = paymentIntentOf(first.get("bookingId"));
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(stripe.cancellations()).contains(losersPayment);
			assertThat(stripe.captures()).contains(winnersPayment).doesNotContain(losersPayment);
		});
		assertThat(ticketsOf(seat)).isEqualTo(1);
	}

	@Test
	void theApiAndTheWebhookConfirmingAtOnceConfirmOnceAndCaptureOnce() throws Exception {
		Map<String, Object> booking = api.book("race-cat", api.hold("race-cat", event.id(), event.frontSeatIds().subList(1, 3)));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		String paymentIntent = paymentIntentOf(id);
		stripe.pauseWebhooks();
		PaymentConfirmation authorized = gateway.confirm(paymentIntent, "pm_card_visa", "test-" + id).block(PATIENCE);
		assertThat(authorized.outcome()).isEqualTo(PaymentConfirmation.Outcome.AUTHORIZED);

		Callable<BookingStatus> apiPath = () -> lifecycle.paymentAuthorized(id).map(Booking::status).block(PATIENCE);
		Future<BookingStatus> viaApi = threads.submit(apiPath);
		Future<BookingStatus> viaApiAgain = threads.submit(apiPath);
		stripe.resumeWebhooks();

		assertThat(viaApi.get()).isEqualTo(BookingStatus.CONFIRMED);
		assertThat(viaApiAgain.get()).isEqualTo(BookingStatus.CONFIRMED);
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.captures()).contains(paymentIntent));
		assertThat(jobsFor(BookingJobs.CAPTURE, id)).isEqualTo(1);
		assertThat(stripe.captures().stream().filter(paymentIntent::equals)).hasSize(1);
		assertThat(stripe.refunds()).isEmpty();
	}

	@Test
	void duplicatedAndReorderedWebhooksHaveOneEffect() {
		stripe.deliverEachWebhookTwice(true);
		Map<String, Object> booking = api.book("hook-dan", api.hold("hook-dan", event.id(), List.of(event.frontSeatIds().get(3))));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		stripe.pauseWebhooks();
		gateway.confirm(paymentIntentOf(id), "pm_card_visa", "test-" + id).block(PATIENCE);
		stripe.resumeWebhooksInReverseOrder();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.booking("hook-dan", id)).containsEntry("status", "CONFIRMED"));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.deliveries()).filteredOn(d -> d.type().equals("payment_intent.amount_capturable_updated")).hasSizeGreaterThanOrEqualTo(2));
		assertThat(jobsFor(BookingJobs.CAPTURE, id)).isEqualTo(1);
		assertThat(jobsFor(BookingJobs.MARK_SOLD, id)).isZero(); // mark-sold payloads carry the hold, not the booking
	}

	@Test
	void aForgedWebhookIsRefusedAndChangesNothing() {
		Map<String, Object> booking = api.book("hook-eli", api.hold("hook-eli", event.id(), List.of(event.frontSeatIds().get(4))));
		String payload = """
				{"id":"evt_forged","object":"event","type":"payment_intent.amount_capturable_updated","created":%d,
				 "data":{"object":{"id":"%s","object":"payment_intent","status":"requires_capture"}}}
				""".formatted(Instant.now().getEpochSecond(), paymentIntentOf(booking.get("bookingId")));

		http.post().uri("/api/payments/stripe/webhook").contentType(MediaType.APPLICATION_JSON)
			.header("Stripe-Signature", "t=" + Instant.now().getEpochSecond() + ",v1=" + "ab".repeat(32))
			.bodyValue(payload).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-webhook-signature");
		http.post().uri("/api/payments/stripe/webhook").contentType(MediaType.APPLICATION_JSON).bodyValue(payload).exchange()
			.expectStatus().isBadRequest();

		assertThat(api.booking("hook-eli", booking.get("bookingId"))).containsEntry("status", "PENDING");
	}

	@Test
	void anOverdueBookingExpiresItsAuthorizationIsVoidedAndALateAuthorizationIsVoidedToo() {
		Map<String, Object> booking = api.book("late-fay", api.hold("late-fay", event.id(), List.of(event.frontSeatIds().get(5))));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		String paymentIntent = paymentIntentOf(id);
		db.sql("UPDATE booking SET expires_at = now() - interval '1 minute' WHERE id = :id").bind("id", id).then().block();

		assertThat(sweeper.expireOverdue().block(PATIENCE)).isGreaterThanOrEqualTo(1);

		assertThat(api.booking("late-fay", id)).containsEntry("status", "EXPIRED");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(stripe.cancellations()).contains(paymentIntent));
		assertThat(lifecycle.paymentAuthorized(id).map(Booking::status).block(PATIENCE)).isEqualTo(BookingStatus.EXPIRED);
		assertThat(ticketsOf(event.frontSeatIds().get(5))).isZero();
		assertThat(stripe.captures()).doesNotContain(paymentIntent);
	}

	@Test
	void aConfirmationCommittedJustBeforeACrashIsCapturedAndSoldByTheRunnerThatStartsAfterIt() {
		List<Long> seats = event.frontSeatIds().subList(7, 9);
		Map<String, Object> booking = api.book("crash-gil", api.hold("crash-gil", event.id(), seats));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		String paymentIntent = paymentIntentOf(id);
		// The "crash": no runner picks up what the confirm transaction commits, and the after-commit nudge is lost,
		// exactly what survives a process dying right after COMMIT: the rows in Postgres and nothing else.
		jobRunner.stop();
		try {
			api.pay("crash-gil", id, "pm_card_visa").expectStatus().isOk()
				.expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");

			assertThat(pendingJobs(id)).as("capture and seat-sync jobs wait in Postgres").isGreaterThanOrEqualTo(1);
			assertThat(jobsFor(BookingJobs.CAPTURE, id)).isEqualTo(1);
			assertThat(stripe.captures()).doesNotContain(paymentIntent);
			assertThat(redis.opsForSet().isMember("sold:{" + event.id() + "}", seats.get(0).toString()).block(PATIENCE))
				.as("Redis has not heard of the sale yet").isFalse();
		}
		finally {
			jobRunner.start(); // the restarted instance
		}
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(stripe.captures()).containsOnlyOnce(paymentIntent);
			assertThat(redis.opsForSet().isMember("sold:{" + event.id() + "}", seats.get(0).toString()).block(PATIENCE)).isTrue();
			assertThat(pendingJobs(id)).isZero();
		});
		assertThat(api.booking("crash-gil", id)).containsEntry("status", "CONFIRMED");
		assertThat(ticketsOf(seats.get(0)) + ticketsOf(seats.get(1))).isEqualTo(2);
	}

	private String paymentIntentOf(Object bookingId) {
		return db.sql("SELECT payment_intent_id FROM booking WHERE id = :id").bind("id", UUID.fromString(bookingId.toString()))
			.map((row, meta) -> row.get("payment_intent_id", String.class)).one().block();
	}

	private long ticketsOf(long seat) {
		return db.sql("SELECT count(*) FROM ticket WHERE event_id = :e AND seat_id = :s").bind("e", event.id()).bind("s", seat)
			.map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	/** Jobs of this booking not yet done, whatever their kind (mark-sold names the hold, so it is found by its seats' hold). */
	private long pendingJobs(UUID bookingId) {
		return db.sql("""
				SELECT count(*) FROM job WHERE status <> 'DONE'
				  AND (payload->>'bookingId' = :id OR payload->>'holdId' = (SELECT hold_id FROM booking WHERE id = CAST(:id AS uuid)))""")
			.bind("id", bookingId.toString())
			.map((row, meta) -> row.get(0, Long.class)).one().block();
	}

	@Test
	void aChangeTheTransitionTableDoesNotAllowIsRefusedAndWritesNothing() {
		Map<String, Object> booking = api.book("rule-hal", api.hold("rule-hal", event.id(), List.of(event.frontSeatIds().get(0))));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		Booking pending = bookings.find(id).block(PATIENCE);

		assertThatThrownBy(() -> transaction.transactional(lifecycle.cancelConfirmed(pending)).block(PATIENCE))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot go from PENDING to CANCELLED");

		assertThat(api.booking("rule-hal", id)).containsEntry("status", "PENDING");
		assertThat(jobsFor(BookingJobs.REFUND, id)).isZero();
	}

	@Test
	void aChangeMadeFromAStaleReadOfTheBookingIsRefusedAndWritesNothing() {
		Map<String, Object> booking = api.book("rule-ida", api.hold("rule-ida", event.id(), List.of(event.frontSeatIds().get(1))));
		UUID id = UUID.fromString((String) booking.get("bookingId"));
		Booking readWhilePending = bookings.find(id).block(PATIENCE);
		api.pay("rule-ida", id, "pm_card_visa").expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");

		// PENDING → EXPIRED is allowed, but the row is no longer PENDING: expiring it would void a sold booking's payment.
		assertThatThrownBy(() -> transaction.transactional(lifecycle.expire(readWhilePending)).block(PATIENCE))
			.isInstanceOf(IllegalStateException.class).hasMessageContaining("no longer PENDING");

		assertThat(api.booking("rule-ida", id)).containsEntry("status", "CONFIRMED");
		assertThat(jobsFor(BookingJobs.VOID, id)).isZero();
	}

	private long jobsFor(String kind, UUID bookingId) {
		return db.sql("SELECT count(*) FROM job WHERE kind = :kind AND payload->>'bookingId' = :id")
			.bind("kind", kind).bind("id", bookingId.toString())
			.map((row, meta) -> row.get(0, Long.class)).one().block();
	}
}
