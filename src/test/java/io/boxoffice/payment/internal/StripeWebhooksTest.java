package io.boxoffice.payment.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.payment.PaymentEvent;
import io.boxoffice.payment.PaymentProblems;
import io.boxoffice.support.stripe.FakeStripe.StripeEvent;
import io.boxoffice.support.stripe.StripeEvents;
import io.boxoffice.support.stripe.WebhookSignatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeWebhooksTest {

	private static final String SECRET = "whsec_unit_test";
	private static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	private final StripeWebhooks webhooks = new StripeWebhooks(settings(SECRET), Clock.fixed(NOW, ZoneOffset.UTC), meters);

	@Test
	void aValidlySignedPaymentIntentEventBecomesAPaymentEvent() {
		StripeEvent sent = StripeEvents.create("payment_intent.amount_capturable_updated", paymentIntent("pi_A", "requires_capture"));

		var event = webhooks.verify(sent.payload(), sign(SECRET, NOW, sent.payload()));

		assertThat(event).get().satisfies(e -> {
			assertThat(e.eventId()).isEqualTo(sent.id());
			assertThat(e.type()).isEqualTo(PaymentEvent.Type.AUTHORIZED);
			assertThat(e.paymentIntentId()).isEqualTo("pi_A");
			assertThat(e.bookingId()).isEqualTo("42");
			assertThat(e.created()).isEqualTo(Instant.ofEpochSecond(sent.created()));
			assertThat(e.failureCode()).isNull();
		});
		assertThat(meters.counter("boxoffice.payment.webhooks", "outcome", "accepted").count()).isEqualTo(1);
	}

	@Test
	void aFailedPaymentCarriesItsDeclineCode() {
		var intent = paymentIntent("pi_F", "requires_payment_method");
		intent.put("last_payment_error", Map.of("type", "card_error", "code", "card_declined", "decline_code", "insufficient_funds",
				"message", "Your card has insufficient funds."));
		StripeEvent sent = StripeEvents.create("payment_intent.payment_failed", intent);

		var event = webhooks.verify(sent.payload(), sign(SECRET, NOW, sent.payload()));

		assertThat(event).get().satisfies(e -> {
			assertThat(e.type()).isEqualTo(PaymentEvent.Type.PAYMENT_FAILED);
			assertThat(e.failureCode()).isEqualTo("insufficient_funds");
		});
	}

	@Test
	void aRefundedChargeNamesThePaymentIntentItBelongsTo() {
		StripeEvent sent = StripeEvents.create("charge.refunded",
				Map.of("id", "ch_R", "object", "charge", "payment_intent", "pi_R", "amount_refunded", 5000, "refunded", true));

		var event = webhooks.verify(sent.payload(), sign(SECRET, NOW, sent.payload()));

		assertThat(event).get().satisfies(e -> {
			assertThat(e.type()).isEqualTo(PaymentEvent.Type.REFUNDED);
			assertThat(e.paymentIntentId()).isEqualTo("pi_R");
		});
	}

	@Test
	void anAuthenticEventOfAnotherTypeIsIgnoredNotRefused() {
		StripeEvent sent = StripeEvents.create("payment_intent.created", paymentIntent("pi_C", "requires_payment_method"));

		assertThat(webhooks.verify(sent.payload(), sign(SECRET, NOW, sent.payload()))).isEmpty();
		assertThat(meters.counter("boxoffice.payment.webhooks", "outcome", "ignored").count()).isEqualTo(1);
	}

	@Test
	void aForgedPayloadIsRefused() {
		StripeEvent sent = StripeEvents.create("payment_intent.canceled", paymentIntent("pi_X", "canceled"));
		String header = sign(SECRET, NOW, sent.payload());

		assertRefused(() -> webhooks.verify(sent.payload().replace("pi_X", "pi_Y"), header), PaymentProblems.INVALID_WEBHOOK_SIGNATURE,
				"No signatures found matching the expected signature");
		assertThat(meters.counter("boxoffice.payment.webhooks", "outcome", "refused").count()).isEqualTo(1);
	}

	@Test
	void aSignatureMadeWithAnotherSecretIsRefused() {
		StripeEvent sent = StripeEvents.create("payment_intent.succeeded", paymentIntent("pi_S", "succeeded"));

		assertRefused(() -> webhooks.verify(sent.payload(), sign("whsec_someone_else", NOW, sent.payload())),
				PaymentProblems.INVALID_WEBHOOK_SIGNATURE, "No signatures found matching the expected signature");
	}

	@Test
	void aSignatureOlderThanTheToleranceIsRefusedAsAReplay() {
		StripeEvent sent = StripeEvents.create("payment_intent.succeeded", paymentIntent("pi_S", "succeeded"));
		Instant signedAt = NOW.minus(Duration.ofMinutes(6));

		assertRefused(() -> webhooks.verify(sent.payload(), sign(SECRET, signedAt, sent.payload())),
				PaymentProblems.INVALID_WEBHOOK_SIGNATURE, "Timestamp outside the tolerance zone");
		assertThat(webhooks.verify(sent.payload(), sign(SECRET, NOW.minus(Duration.ofMinutes(4)), sent.payload())))
			.as("within the 5 minute tolerance").isPresent();
	}

	@Test
	void aMissingOrMalformedSignatureHeaderIsRefused() {
		StripeEvent sent = StripeEvents.create("payment_intent.succeeded", paymentIntent("pi_S", "succeeded"));

		assertRefused(() -> webhooks.verify(sent.payload(), null), PaymentProblems.INVALID_WEBHOOK_SIGNATURE, "missing");
		assertRefused(() -> webhooks.verify(sent.payload(), "v1=abc"), PaymentProblems.INVALID_WEBHOOK_SIGNATURE, "does not verify");
	}

	@Test
	void aSignedBodyThatIsNotAnEventIsRefusedAsUnreadable() {
		String garbage = "this is not json";

		assertRefused(() -> webhooks.verify(garbage, sign(SECRET, NOW, garbage)), PaymentProblems.INVALID_WEBHOOK_PAYLOAD,
				"not a readable Stripe event");
		assertRefused(() -> webhooks.verify("{}", sign(SECRET, NOW, "{}")), PaymentProblems.INVALID_WEBHOOK_PAYLOAD,
				"not a Stripe event");
	}

	private static void assertRefused(Runnable verification, URI type, String detail) {
		assertThatThrownBy(verification::run)
			.isInstanceOfSatisfying(ErrorResponseException.class, e -> {
				assertThat(e.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(e.getBody().getType()).isEqualTo(type);
				assertThat(e.getBody().getDetail()).contains(detail);
			});
	}

	private static String sign(String secret, Instant at, String payload) {
		return WebhookSignatures.header(secret, at.getEpochSecond(), payload);
	}

	private static Map<String, Object> paymentIntent(String id, String status) {
		var intent = new LinkedHashMap<String, Object>();
		intent.put("id", id);
		intent.put("object", "payment_intent");
		intent.put("amount", 5000);
		intent.put("currency", "eur");
		intent.put("status", status);
		intent.put("metadata", Map.of("bookingId", "42"));
		return intent;
	}

	static StripeSettings settings(String webhookSecret) {
		return new StripeSettings(URI.create("http://127.0.0.1:1"), "sk_test_unit", webhookSecret, Duration.ofMinutes(5),
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2), 0, 2, 10);
	}
}
