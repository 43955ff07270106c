package io.boxoffice.payment;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.boxoffice.payment.PaymentEvent.Type;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.stripe.FakeStripe;
import io.boxoffice.support.stripe.WebhookReceiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Webhooks the fake Stripe sends for real gateway calls verify with the application's {@link PaymentWebhooks}. */
@IntegrationTest
class PaymentWebhooksIT {

	private static final Duration WAIT = Duration.ofSeconds(15);

	@Autowired
	PaymentGateway payments;

	@Autowired
	PaymentWebhooks webhooks;

	private final String run = UUID.randomUUID().toString().substring(0, 8);
	private FakeStripe stripe;
	private WebhookReceiver receiver;

	@BeforeEach
	void fakeStripeSendsToAReceiver() {
		assumeTrue(FakeStripe.isRunning(), "boxoffice.stripe.api-base points at a real Stripe");
		stripe = FakeStripe.running();
		stripe.reset();
		receiver = WebhookReceiver.start();
		stripe.deliverWebhooksTo(receiver.uri());
	}

	@AfterEach
	void stop() {
		stripe.reset();
		receiver.close();
	}

	@Test
	void eachStateChangeArrivesSignedAndVerifiesAsAPaymentEvent() {
		String id = payments.authorize("21", 5000, "EUR", key("authorize")).block(WAIT).paymentIntentId();
		payments.confirm(id, "pm_card_visa", key("confirm")).block(WAIT);
		payments.capture(id, key("capture")).block(WAIT);
		payments.refund(id, key("refund")).block(WAIT);

		await().atMost(WAIT).until(() -> receiver.accepted().size() == 4);
		List<Optional<PaymentEvent>> verified = receiver.accepted().stream().map(r -> webhooks.verify(r.payload(), r.signature())).toList();

		assertThat(verified.get(0)).as("payment_intent.created is authentic but not acted on").isEmpty();
		assertThat(verified.subList(1, 4)).allSatisfy(event -> assertThat(event).get().satisfies(e -> {
			assertThat(e.paymentIntentId()).isEqualTo(id);
			assertThat(e.eventId()).startsWith("evt_");
		}));
		assertThat(verified.subList(1, 4)).map(event -> event.get().type()).containsExactly(Type.AUTHORIZED, Type.CAPTURED, Type.REFUNDED);
		assertThat(verified.get(1).get().bookingId()).isEqualTo("21");
		assertThat(verified.stream().flatMap(Optional::stream).map(PaymentEvent::eventId))
			.containsExactlyElementsOf(stripe.events().subList(1, 4).stream().map(FakeStripe.StripeEvent::id).toList());
	}

	@Test
	void declinesAndCancellationsArriveWithWhatHappened() {
		String id = payments.authorize("22", 5000, "EUR", key("authorize")).block(WAIT).paymentIntentId();
		payments.confirm(id, "pm_card_chargeDeclinedInsufficientFunds", key("confirm")).block(WAIT);
		payments.cancel(id, key("cancel")).block(WAIT);

		await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
		var events = receiver.accepted().stream().map(r -> webhooks.verify(r.payload(), r.signature())).flatMap(Optional::stream).toList();

		assertThat(events).extracting(PaymentEvent::type).containsExactly(Type.PAYMENT_FAILED, Type.CANCELED);
		assertThat(events.get(0).failureCode()).isEqualTo("insufficient_funds");
	}

	@Test
	void anEndpointThatFailsIsRetriedUntilItAccepts() {
		receiver.failNext(2);

		payments.authorize("23", 5000, "EUR", key("authorize")).block(WAIT);

		await().atMost(WAIT).until(() -> receiver.accepted().size() == 1);
		String eventId = stripe.events().get(0).id();
		// The fake records an attempt once it has read the response, a moment after the receiver accepted it.
		await().atMost(WAIT).untilAsserted(() -> assertThat(stripe.deliveries())
			.extracting(FakeStripe.Delivery::eventId, FakeStripe.Delivery::attempt, FakeStripe.Delivery::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(eventId, 1, 500), org.assertj.core.groups.Tuple.tuple(eventId, 2, 500),
					org.assertj.core.groups.Tuple.tuple(eventId, 3, 200)));
		var accepted = receiver.accepted().get(0);
		assertThat(webhooks.verify(accepted.payload(), accepted.signature())).as("authentic, of an ignored type").isEmpty();
	}

	@Test
	void duplicatedDeliveriesCarryTheSameEventId() {
		stripe.deliverEachWebhookTwice(true);
		String id = payments.authorize("24", 5000, "EUR", key("authorize")).block(WAIT).paymentIntentId();
		payments.confirm(id, "pm_card_visa", key("confirm")).block(WAIT);

		await().atMost(WAIT).until(() -> receiver.accepted().size() == 4);
		var authorized = receiver.accepted().stream().map(r -> webhooks.verify(r.payload(), r.signature())).flatMap(Optional::stream).toList();

		assertThat(authorized).hasSize(2).allSatisfy(event -> assertThat(event.type()).isEqualTo(Type.AUTHORIZED));
		assertThat(authorized.get(0).eventId()).isEqualTo(authorized.get(1).eventId());
	}

	@Test
	void heldEventsCanBeReleasedInReverseOrder() {
		stripe.pauseWebhooks();
		String id = payments.authorize("25", 5000, "EUR", key("authorize")).block(WAIT).paymentIntentId();
		payments.confirm(id, "pm_card_visa", key("confirm")).block(WAIT);
		payments.capture(id, key("capture")).block(WAIT);
		assertThat(stripe.events()).hasSize(3);
		assertThat(stripe.deliveries()).as("held, not sent").isEmpty();

		stripe.resumeWebhooksInReverseOrder();

		await().atMost(WAIT).until(() -> receiver.accepted().size() == 3);
		var types = receiver.accepted().stream().map(r -> webhooks.verify(r.payload(), r.signature())).map(e -> e.map(PaymentEvent::type))
			.toList();
		assertThat(types).containsExactly(Optional.of(Type.CAPTURED), Optional.of(Type.AUTHORIZED), Optional.empty());
	}

	private String key(String what) {
		return "it-" + run + "-" + what;
	}
}
