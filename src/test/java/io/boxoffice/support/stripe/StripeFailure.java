package io.boxoffice.support.stripe;

import java.util.LinkedHashMap;
import java.util.Map;

/** A Stripe error response: the HTTP status and the {@code {"error": {...}}} envelope. */
final class StripeFailure extends RuntimeException {

	private final int status;
	private final Map<String, Object> error;

	private StripeFailure(int status, Map<String, Object> error) {
		super(String.valueOf(error.get("message")), null, false, false);
		this.status = status;
		this.error = error;
	}

	int status() {
		return status;
	}

	Map<String, Object> body() {
		return Map.of("error", error);
	}

	static StripeFailure invalidRequest(int status, String code, String param, String message) {
		var error = new LinkedHashMap<String, Object>();
		error.put("type", "invalid_request_error");
		if (code != null) {
			error.put("code", code);
			error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
		}
		if (param != null) {
			error.put("param", param);
		}
		error.put("message", message);
		return new StripeFailure(status, error);
	}

	static StripeFailure missing(int status, String kind, String id, String param) {
		return invalidRequest(status, "resource_missing", param, "No such " + kind + ": '" + id + "'");
	}

	static StripeFailure unexpectedState(Map<String, Object> paymentIntent, String message) {
		var failure = invalidRequest(400, "payment_intent_unexpected_state", null, message);
		failure.error.put("payment_intent", paymentIntent);
		return failure;
	}

	static StripeFailure unauthorized(String message) {
		return new StripeFailure(401, new LinkedHashMap<>(Map.of("type", "invalid_request_error", "message", message)));
	}

	static StripeFailure idempotencyMismatch(String key) {
		var error = new LinkedHashMap<String, Object>();
		error.put("type", "idempotency_error");
		error.put("message", "Keys for idempotent requests can only be used with the same parameters they were first used with."
				+ " Try using a key other than '" + key + "' if you meant to execute a different request.");
		return new StripeFailure(400, error);
	}

	static StripeFailure apiError() {
		return new StripeFailure(500, new LinkedHashMap<>(Map.of("type", "api_error",
				"message", "An unknown error occurred (injected by the fake)")));
	}

	static StripeFailure unrecognized(String method, String path) {
		return invalidRequest(404, null, null, "Unrecognized request URL (" + method + ": " + path + ").");
	}

	/** A 402 card error; the PaymentIntent in it already carries the error as its {@code last_payment_error}. */
	static StripeFailure card(Map<String, Object> lastPaymentError, String chargeId, Map<String, Object> paymentIntent) {
		var error = new LinkedHashMap<String, Object>(lastPaymentError);
		error.put("charge", chargeId);
		error.put("payment_intent", paymentIntent);
		return new StripeFailure(402, error);
	}
}
