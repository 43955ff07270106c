package io.boxoffice.support.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

/** A charge's mutable state in the fake (guarded by {@link FakePaymentIntents}' lock). */
final class StripeCharge {
	final String id;
	final String paymentIntent;
	final long amount;
	final String currency;
	final String paymentMethod;
	final String status;
	final long created;
	boolean captured;
	long amountCaptured;
	long amountRefunded;
	boolean refunded;
	String failureCode;
	String failureMessage;

	StripeCharge(String id, String paymentIntent, long amount, String currency, String paymentMethod, String status, long created) {
		this.id = id;
		this.paymentIntent = paymentIntent;
		this.amount = amount;
		this.currency = currency;
		this.paymentMethod = paymentMethod;
		this.status = status;
		this.created = created;
	}

	Map<String, Object> json() {
		var json = new LinkedHashMap<String, Object>();
		json.put("id", id);
		json.put("object", "charge");
		json.put("amount", amount);
		json.put("amount_captured", amountCaptured);
		json.put("amount_refunded", amountRefunded);
		json.put("captured", captured);
		json.put("created", created);
		json.put("currency", currency);
		json.put("failure_code", failureCode);
		json.put("failure_message", failureMessage);
		json.put("livemode", false);
		json.put("metadata", Map.of());
		json.put("paid", status.equals("succeeded"));
		json.put("payment_intent", paymentIntent);
		json.put("payment_method", paymentMethod);
		json.put("refunded", refunded);
		json.put("status", status);
		return json;
	}
}
