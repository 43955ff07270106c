package io.boxoffice.support.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

import com.stripe.Stripe;
import tools.jackson.databind.json.JsonMapper;

/** Events shaped as Stripe sends them, with the API version of the stripe-java on the classpath. */
public final class StripeEvents {

	private static final JsonMapper json = JsonMapper.builder().build();

	private StripeEvents() {
	}

	/** @param object the event's {@code data.object}: a PaymentIntent, a charge, anything with an {@code object} field */
	public static FakeStripe.StripeEvent create(String type, Map<String, Object> object) {
		var event = new LinkedHashMap<String, Object>();
		String id = FakePaymentIntents.id("evt_");
		long created = FakePaymentIntents.now();
		event.put("id", id);
		event.put("object", "event");
		event.put("api_version", Stripe.API_VERSION);
		event.put("created", created);
		event.put("data", Map.of("object", object));
		event.put("livemode", false);
		event.put("pending_webhooks", 1);
		event.put("request", Map.of());
		event.put("type", type);
		Object paymentIntentId = "payment_intent".equals(object.get("object")) ? object.get("id") : object.get("payment_intent");
		return new FakeStripe.StripeEvent(id, type, (String) paymentIntentId, created, json.writeValueAsString(event));
	}
}
