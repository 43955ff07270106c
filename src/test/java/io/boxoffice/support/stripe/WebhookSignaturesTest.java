package io.boxoffice.support.stripe;

import java.time.Instant;
import java.util.Map;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.net.Webhook;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake signs and shapes events so that stripe-java itself accepts them. */
class WebhookSignaturesTest {

	private static final String SECRET = "whsec_test_secret";

	@Test
	void stripeJavaVerifiesTheFakesSignatureAndReadsTheEvent() throws Exception {
		var sent = StripeEvents.create("payment_intent.succeeded",
				Map.of("id", "pi_123", "object", "payment_intent", "status", "succeeded", "amount", 4200, "metadata", Map.of("bookingId", "7")));
		String header = WebhookSignatures.header(SECRET, Instant.now().getEpochSecond(), sent.payload());

		Event event = Webhook.constructEvent(sent.payload(), header, SECRET);

		assertThat(event.getId()).isEqualTo(sent.id()).startsWith("evt_");
		assertThat(event.getType()).isEqualTo("payment_intent.succeeded");
		assertThat(event.getCreated()).isEqualTo(sent.created());
		assertThat(event.getDataObjectDeserializer().getObject())
			.as("the event's API version matches the client's, so its object reads safely")
			.get()
			.isInstanceOfSatisfying(PaymentIntent.class, intent -> {
				assertThat(intent.getId()).isEqualTo("pi_123");
				assertThat(intent.getStatus()).isEqualTo("succeeded");
				assertThat(intent.getAmount()).isEqualTo(4200L);
				assertThat(intent.getMetadata()).containsEntry("bookingId", "7");
			});
	}

	@Test
	void aChargeEventNamesItsPaymentIntent() throws Exception {
		var sent = StripeEvents.create("charge.refunded",
				Map.of("id", "ch_1", "object", "charge", "payment_intent", "pi_9", "amount_refunded", 100));
		assertThat(sent.paymentIntentId()).isEqualTo("pi_9");

		Event event = Webhook.constructEvent(sent.payload(), WebhookSignatures.header(SECRET, Instant.now().getEpochSecond(), sent.payload()),
				SECRET);

		assertThat(event.getDataObjectDeserializer().getObject()).get()
			.isInstanceOfSatisfying(Charge.class, charge -> assertThat(charge.getPaymentIntent()).isEqualTo("pi_9"));
	}

	@Test
	void theHeaderIsTimestampAndHexHmacOfTimestampDotPayload() {
		// Reference value: printf '1700000000.{}' | openssl dgst -sha256 -hmac whsec_test_secret
		assertThat(WebhookSignatures.header(SECRET, 1_700_000_000L, "{}"))
			.isEqualTo("t=1700000000,v1=ceb8863f7208fa249a6cd8f951e993c7563412aca65866f6272283debe143ab3");
	}

	@Test
	void stripeJavaRejectsASignatureMadeWithAnotherSecretOrOverAnotherPayload() {
		var sent = StripeEvents.create("payment_intent.canceled", Map.of("id", "pi_1", "object", "payment_intent", "status", "canceled"));
		long now = Instant.now().getEpochSecond();

		assertThatThrownBy(() -> Webhook.constructEvent(sent.payload(), WebhookSignatures.header("whsec_other", now, sent.payload()), SECRET))
			.isInstanceOf(SignatureVerificationException.class);
		assertThatThrownBy(() -> Webhook.constructEvent(sent.payload().replace("canceled", "succeeded"),
				WebhookSignatures.header(SECRET, now, sent.payload()), SECRET))
			.isInstanceOf(SignatureVerificationException.class);
	}
}
