package io.boxoffice.payment.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.payment.PaymentEvent;
import io.boxoffice.payment.PaymentProblems;
import io.boxoffice.payment.PaymentWebhooks;

/** {@link PaymentWebhooks} with Stripe's own signature check ({@code Webhook.constructEvent}). */
@Component
class StripeWebhooks implements PaymentWebhooks {

	private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
	private static final Map<String, PaymentEvent.Type> TYPES = Arrays.stream(PaymentEvent.Type.values())
		.collect(Collectors.toUnmodifiableMap(PaymentEvent.Type::stripeType, Function.identity()));

	private final StripeSettings settings;
	private final Clock clock;
	private final MeterRegistry meters;

	StripeWebhooks(StripeSettings settings, Clock clock, MeterRegistry meters) {
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
	}

	@Override
	public Optional<PaymentEvent> verify(String payload, String signatureHeader) {
		try {
			Optional<PaymentEvent> event = read(payload, signatureHeader);
			count(event.isPresent() ? "accepted" : "ignored");
			return event;
		}
		catch (ErrorResponseException refused) {
			count("refused");
			log.warn("Refused a webhook: {}", refused.getBody().getDetail());
			throw refused;
		}
	}

	private Optional<PaymentEvent> read(String payload, String signatureHeader) {
		if (signatureHeader == null || signatureHeader.isBlank()) {
			throw PaymentProblems.invalidWebhookSignature("The Stripe-Signature header is missing");
		}
		if (payload == null || payload.isEmpty()) {
			throw PaymentProblems.invalidWebhookPayload("The webhook has no body");
		}
		Event event = constructEvent(payload, signatureHeader);
		if (event.getId() == null || event.getType() == null || event.getCreated() == null) {
			throw PaymentProblems.invalidWebhookPayload("The webhook is not a Stripe event (no id, type or created)");
		}
		PaymentEvent.Type type = TYPES.get(event.getType());
		if (type == null) {
			return Optional.empty();
		}
		StripeObject object = dataObject(event);
		Instant created = Instant.ofEpochSecond(event.getCreated());
		if (object instanceof PaymentIntent intent) {
			var error = intent.getLastPaymentError();
			return Optional.of(new PaymentEvent(event.getId(), type, intent.getId(), created,
					StripeStates.bookingId(intent.getMetadata()), error != null ? StripeStates.failureCode(error) : null));
		}
		if (object instanceof Charge charge && charge.getPaymentIntent() != null) {
			return Optional.of(new PaymentEvent(event.getId(), type, charge.getPaymentIntent(), created,
					StripeStates.bookingId(charge.getMetadata()), null));
		}
		throw PaymentProblems.invalidWebhookPayload(
				"The " + event.getType() + " event " + event.getId() + " carries no PaymentIntent");
	}

	private Event constructEvent(String payload, String signatureHeader) {
		try {
			return Webhook.constructEvent(payload, signatureHeader, settings.webhookSecret(),
					settings.webhookTolerance().toSeconds(), clock);
		}
		catch (SignatureVerificationException e) {
			throw PaymentProblems.invalidWebhookSignature("The Stripe-Signature does not verify: " + e.getMessage());
		}
		catch (RuntimeException e) {
			// Signed (the signature is checked first) but not JSON: Stripe's client throws Gson's exceptions.
			throw PaymentProblems.invalidWebhookPayload("The webhook body is not a readable Stripe event");
		}
	}

	/**
	 * The event's object. The safe path needs the event's API version to match the client's; an endpoint
	 * pinned to another version still has the fields read here, so fall back to the lenient one.
	 */
	private static StripeObject dataObject(Event event) {
		var deserializer = event.getDataObjectDeserializer();
		try {
			return deserializer.getObject().isPresent() ? deserializer.getObject().get() : deserializer.deserializeUnsafe();
		}
		catch (EventDataObjectDeserializationException | RuntimeException e) {
			throw PaymentProblems.invalidWebhookPayload("The data of the " + event.getType() + " event " + event.getId()
					+ " is not readable");
		}
	}

	private void count(String outcome) {
		meters.counter("boxoffice.payment.webhooks", "outcome", outcome).increment();
	}
}
