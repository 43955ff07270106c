package io.boxoffice.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import io.boxoffice.payment.PaymentConfirmation.Outcome;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real {@link PaymentGateway} bean and stripe-java against the fake Stripe. */
@IntegrationTest
class PaymentGatewayIT {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	PaymentGateway payments;

	@Autowired
	MeterRegistry meters;

	@Value("${boxoffice.stripe.call-timeout}")
	Duration callTimeout;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private FakeStripe stripe;

	@BeforeEach
	void freshFake() {
		assumeTrue(FakeStripe.isRunning(), "boxoffice.stripe.api-base points at a real Stripe");
		stripe = FakeStripe.running();
		stripe.reset();
	}

	@AfterEach
	void calmFake() {
		stripe.reset();
	}

	@Test
	void aCardIsAuthorizedWithManualCaptureThenCaptured() {
		var authorization = payments.authorize("42", 5000, "EUR", key("authorize")).block(WAIT);
		String id = authorization.paymentIntentId();
		assertThat(id).startsWith("pi_");
		assertThat(authorization.clientSecret()).startsWith(id + "_secret_");
		assertThat(authorization.state()).isEqualTo(PaymentState.REQUIRES_PAYMENT_METHOD);
		var created = stripe.paymentIntent(id);
		assertThat(created.amount()).isEqualTo(5000);
		assertThat(created.currency()).isEqualTo("eur");
		assertThat(created.captureMethod()).isEqualTo("manual");
		assertThat(created.metadata()).containsEntry("bookingId", "42");

		payments.confirm(id, "pm_card_visa", key("confirm")).as(StepVerifier::create)
			.assertNext(confirmation -> {
				assertThat(confirmation.outcome()).isEqualTo(Outcome.AUTHORIZED);
				assertThat(confirmation.paymentIntentId()).isEqualTo(id);
			})
			.verifyComplete();
		assertThat(stripe.paymentIntent(id).status()).isEqualTo("requires_capture");
		assertThat(stripe.paymentIntent(id).amountCapturable()).isEqualTo(5000);
		assertThat(stripe.captures()).as("authorized, not yet captured").isEmpty();

		payments.capture(id, key("capture")).as(StepVerifier::create).verifyComplete();

		assertThat(stripe.captures()).containsExactly(id);
		assertThat(stripe.paymentIntent(id).status()).isEqualTo("succeeded");
		payments.status(id).as(StepVerifier::create)
			.assertNext(status -> {
				assertThat(status.state()).isEqualTo(PaymentState.CAPTURED);
				assertThat(status.capturedCents()).isEqualTo(5000);
				assertThat(status.authorizedCents()).isZero();
				assertThat(status.refundedCents()).isZero();
				assertThat(status.bookingId()).isEqualTo("42");
			})
			.verifyComplete();
		assertThat(stripe.requests()).filteredOn(request -> request.method().equals("POST"))
			.as("every change carried the caller's idempotency key")
			.extracting(FakeStripe.Request::idempotencyKey)
			.containsExactly(key("authorize"), key("confirm"), key("capture"));
	}

	@Test
	void aDeclinedCardIsAnAnswerNotAnErrorAndAnotherCardCanFollow() {
		String id = authorize("7", 2500);
		double declinedBefore = count("confirm", "declined");

		payments.confirm(id, "pm_card_chargeDeclined", key("confirm-1")).as(StepVerifier::create)
			.assertNext(confirmation -> {
				assertThat(confirmation.outcome()).isEqualTo(Outcome.DECLINED);
				assertThat(confirmation.declineCode()).isEqualTo("generic_decline");
				assertThat(confirmation.message()).isEqualTo("Your card was declined.");
			})
			.verifyComplete();
		assertThat(stripe.paymentIntent(id).status()).isEqualTo("requires_payment_method");
		payments.status(id).as(StepVerifier::create)
			.assertNext(status -> {
				assertThat(status.state()).isEqualTo(PaymentState.REQUIRES_PAYMENT_METHOD);
				assertThat(status.failureCode()).isEqualTo("generic_decline");
			})
			.verifyComplete();

		payments.confirm(id, "pm_card_chargeDeclinedInsufficientFunds", key("confirm-2")).as(StepVerifier::create)
			.assertNext(confirmation -> {
				assertThat(confirmation.outcome()).isEqualTo(Outcome.DECLINED);
				assertThat(confirmation.declineCode()).isEqualTo("insufficient_funds");
				assertThat(PaymentProblems.declined(confirmation).getStatusCode().value()).isEqualTo(402);
			})
			.verifyComplete();
		assertThat(count("confirm", "declined") - declinedBefore).isEqualTo(2);

		payments.confirm(id, "pm_card_visa", key("confirm-3")).as(StepVerifier::create)
			.assertNext(confirmation -> assertThat(confirmation.outcome()).isEqualTo(Outcome.AUTHORIZED))
			.verifyComplete();
		assertThat(stripe.paymentIntent(id).status()).isEqualTo("requires_capture");
	}

	@Test
	void threeDSecureRequiresActionUntilTheBuyerAuthenticates() throws Exception {
		var authorization = payments.authorize("8", 9900, "eur", key("authorize")).block(WAIT);
		String id = authorization.paymentIntentId();

		payments.confirm(id, "pm_card_threeDSecure2Required", key("confirm")).as(StepVerifier::create)
			.assertNext(confirmation -> {
				assertThat(confirmation.outcome()).isEqualTo(Outcome.REQUIRES_ACTION);
				assertThat(confirmation.clientSecret()).isEqualTo(authorization.clientSecret());
			})
			.verifyComplete();
		assertThat(state(id)).isEqualTo(PaymentState.REQUIRES_ACTION);

		// What the buyer's browser and bank do, through the fake's own endpoint.
		var authenticate = HttpRequest.newBuilder(URI.create(stripe.apiBase() + "/_fake/payment_intents/" + id + "/authenticate"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"outcome\":\"succeed\"}"))
			.build();
		assertThat(HttpClient.newHttpClient().send(authenticate, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		assertThat(state(id)).isEqualTo(PaymentState.AUTHORIZED);
	}

	@Test
	void aFailedThreeDSecureAuthenticationLeavesThePaymentWaitingForAnotherMethod() {
		String id = authorize("9", 9900);
		payments.confirm(id, "pm_card_threeDSecure2Required", key("confirm")).block(WAIT);

		stripe.authenticate(id, false);

		payments.status(id).as(StepVerifier::create)
			.assertNext(status -> {
				assertThat(status.state()).isEqualTo(PaymentState.REQUIRES_PAYMENT_METHOD);
				assertThat(status.failureCode()).isEqualTo("payment_intent_authentication_failure");
			})
			.verifyComplete();
	}

	@Test
	void cancelVoidsTheAuthorizationAndIsSafeToRepeat() {
		String id = authorizedPayment("10", 4000);

		payments.cancel(id, key("cancel")).as(StepVerifier::create).verifyComplete();
		assertThat(stripe.paymentIntent(id).status()).isEqualTo("canceled");
		assertThat(stripe.cancellations()).containsExactly(id);

		payments.cancel(id, key("cancel-again")).as(StepVerifier::create).verifyComplete();
		assertThat(stripe.cancellations()).as("already canceled counts as done").containsExactly(id);
		assertThat(state(id)).isEqualTo(PaymentState.CANCELED);

		payments.capture(id, key("capture")).as(StepVerifier::create)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PaymentRejected.class,
					rejected -> assertThat(rejected.code()).isEqualTo("payment_intent_unexpected_state")))
			.verify(WAIT);
		assertThat(stripe.captures()).isEmpty();
	}

	@Test
	void refundReturnsACapturedPaymentOnceWhateverTheRetries() {
		String id = authorizedPayment("11", 6000);
		payments.capture(id, key("capture")).block(WAIT);

		payments.refund(id, key("refund")).as(StepVerifier::create).verifyComplete();
		payments.refund(id, key("refund")).as(StepVerifier::create).verifyComplete();
		payments.refund(id, key("refund-by-reconciler")).as(StepVerifier::create).verifyComplete();

		assertThat(stripe.refunds()).singleElement().satisfies(refund -> {
			assertThat(refund.paymentIntentId()).isEqualTo(id);
			assertThat(refund.amount()).isEqualTo(6000);
		});
		assertThat(stripe.requests()).as("a retry reads the payment first and finds it refunded")
			.filteredOn(request -> request.path().equals("/v1/refunds")).hasSize(1);
		payments.status(id).as(StepVerifier::create)
			.assertNext(status -> {
				assertThat(status.refundedCents()).isEqualTo(6000);
				assertThat(status.isFullyRefunded()).isTrue();
			})
			.verifyComplete();
	}

	@Test
	void aVoidThatComesAfterTheCaptureRefunds() {
		String id = authorizedPayment("20", 5000);
		payments.capture(id, key("capture")).block(WAIT);

		payments.cancel(id, key("late-void")).as(StepVerifier::create).verifyComplete();

		assertThat(stripe.refunds()).singleElement().satisfies(refund -> assertThat(refund.paymentIntentId()).isEqualTo(id));
	}

	@Test
	void aRefundThatComesBeforeTheCaptureVoidsAndTheCaptureCannotCharge() {
		String id = authorizedPayment("21", 5000);

		payments.refund(id, key("early-refund")).as(StepVerifier::create).verifyComplete();

		assertThat(stripe.paymentIntent(id).status()).isEqualTo("canceled");
		payments.capture(id, key("capture")).as(StepVerifier::create).expectError(PaymentRejected.class).verify(WAIT);
		assertThat(stripe.captures()).isEmpty();
		assertThat(stripe.refunds()).isEmpty();
	}

	@Test
	void aPaymentMethodStripeDoesNotKnowIsTheBuyersMistake() {
		String id = authorize("22", 2500);

		payments.confirm(id, "pm_bogus", key("confirm")).as(StepVerifier::create)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(org.springframework.web.ErrorResponseException.class,
					problem -> {
						assertThat(problem.getStatusCode().value()).isEqualTo(422);
						assertThat(problem.getBody().getType()).isEqualTo(PaymentProblems.PAYMENT_METHOD_INVALID);
					}))
			.verify(WAIT);
		assertThat(stripe.requests()).filteredOn(request -> request.path().endsWith("/confirm"))
			.extracting(FakeStripe.Request::status).as("Stripe's answer: 400 invalid_request_error, resource_missing").containsExactly(400);
		assertThat(state(id)).isEqualTo(PaymentState.REQUIRES_PAYMENT_METHOD);
	}

	@Test
	void authorizeRetriedWithTheSameKeyReturnsTheSamePayment() {
		var first = payments.authorize("12", 3000, "EUR", key("authorize")).block(WAIT);
		var second = payments.authorize("12", 3000, "EUR", key("authorize")).block(WAIT);

		assertThat(second).isEqualTo(first);
		assertThat(stripe.paymentIntents()).hasSize(1);

		payments.authorize("12", 3100, "EUR", key("authorize")).as(StepVerifier::create)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PaymentRejected.class,
					rejected -> assertThat(rejected.code()).isEqualTo("idempotency_error")))
			.verify(WAIT);
		assertThat(stripe.paymentIntents()).as("a reused key with other arguments creates nothing").hasSize(1);
	}

	@Test
	void aStripeServerErrorIsRetriedWithTheSameKeyAndPersistentOnesAreUnavailable() {
		stripe.failNextRequests(1);
		String id = authorize("13", 2000);
		assertThat(stripe.requests()).extracting(FakeStripe.Request::status, FakeStripe.Request::idempotencyKey)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(500, key("authorize")), org.assertj.core.groups.Tuple.tuple(200, key("authorize")));
		assertThat(stripe.paymentIntents()).extracting(FakeStripe.PaymentIntentSnapshot::id).containsExactly(id);

		stripe.failNextRequests(1_000);
		payments.capture(id, key("capture")).as(StepVerifier::create)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOf(PaymentUnavailable.class)
				.extracting(e -> ((PaymentUnavailable) e).getStatusCode().value()).isEqualTo(503))
			.verify(WAIT);
	}

	@Test
	void aSlowStripeSurfacesAsUnavailableWithinTheCallTimeout() {
		String id = authorize("14", 2000);
		double timeoutsBefore = count("status", "timeout");
		stripe.respondAfter(callTimeout.plusSeconds(5));

		long started = System.nanoTime();
		payments.status(id).as(StepVerifier::create)
			.expectError(PaymentUnavailable.class)
			.verify(callTimeout.plusSeconds(2));
		Duration waited = Duration.ofNanos(System.nanoTime() - started);

		assertThat(waited).isBetween(callTimeout.minusMillis(200), callTimeout.plusMillis(1500));
		assertThat(count("status", "timeout") - timeoutsBefore).isEqualTo(1);
	}

	@Test
	void anUnknownPaymentIsRejectedNotUnavailable() {
		payments.status("pi_does_not_exist").as(StepVerifier::create)
			.expectErrorSatisfies(error -> assertThat(error).isInstanceOfSatisfying(PaymentRejected.class,
					rejected -> assertThat(rejected.code()).isEqualTo("resource_missing")))
			.verify(WAIT);
	}

	private String authorize(String bookingId, long amountCents) {
		return payments.authorize(bookingId, amountCents, "EUR", key("authorize")).block(WAIT).paymentIntentId();
	}

	private String authorizedPayment(String bookingId, long amountCents) {
		String id = authorize(bookingId, amountCents);
		assertThat(payments.confirm(id, "pm_card_visa", key("confirm")).block(WAIT).outcome()).isEqualTo(Outcome.AUTHORIZED);
		return id;
	}

	private PaymentState state(String id) {
		return payments.status(id).block(WAIT).state();
	}

	private double count(String operation, String outcome) {
		var counter = meters.find("boxoffice.payment.calls").tag("operation", operation).tag("outcome", outcome).counter();
		return counter != null ? counter.count() : 0;
	}

	private String key(String what) {
		return "it-" + run + "-" + what;
	}
}
