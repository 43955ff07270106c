package io.boxoffice.support.stripe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A PaymentIntent's mutable state in the fake (guarded by {@link FakePaymentIntents}' lock). */
final class StripeIntent {
	final String id;
	final long amount;
	final String currency;
	final String captureMethod;
	final Map<String, String> metadata;
	final String description;
	final long created;
	String clientSecret;
	String status = "requires_payment_method";
	String paymentMethod;
	long amountCapturable;
	long amountReceived;
	String latestCharge;
	Map<String, Object> lastPaymentError;
	Map<String, Object> nextAction;
	Long canceledAt;
	String cancellationReason;

	StripeIntent(String id, long amount, String currency, String captureMethod, Map<String, String> metadata, String description,
			long created) {
		this.id = id;
		this.amount = amount;
		this.currency = currency;
		this.captureMethod = captureMethod;
		this.metadata = metadata;
		this.description = description;
		this.created = created;
	}

	/** @param expandedCharge the latest charge's JSON when {@code expand[]=latest_charge} asked for it, else {@code null} */
	Map<String, Object> json(Map<String, Object> expandedCharge) {
		var json = new LinkedHashMap<String, Object>();
		json.put("id", id);
		json.put("object", "payment_intent");
		json.put("amount", amount);
		json.put("amount_capturable", amountCapturable);
		json.put("amount_received", amountReceived);
		json.put("canceled_at", canceledAt);
		json.put("cancellation_reason", cancellationReason);
		json.put("capture_method", captureMethod);
		json.put("client_secret", clientSecret);
		json.put("confirmation_method", "automatic");
		json.put("created", created);
		json.put("currency", currency);
		json.put("description", description);
		json.put("last_payment_error", lastPaymentError);
		json.put("latest_charge", expandedCharge != null ? expandedCharge : latestCharge);
		json.put("livemode", false);
		json.put("metadata", metadata);
		json.put("next_action", nextAction);
		json.put("payment_method", paymentMethod);
		json.put("payment_method_types", List.of("card"));
		json.put("status", status);
		return json;
	}
}
