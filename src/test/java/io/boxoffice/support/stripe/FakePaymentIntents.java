package io.boxoffice.support.stripe;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * PaymentIntents, their charges and refunds as Stripe keeps them, with Stripe's state machine for card
 * payments and its test payment methods. Each state change publishes the event Stripe would send.
 * Callers hold no lock: every public operation is synchronized.
 */
final class FakePaymentIntents {

	private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	private static final SecureRandom random = new SecureRandom();

	/** Stripe's test payment methods this fake knows, with the outcome they stand for. */
	private static final Map<String, String[]> DECLINES = Map.of(
			"pm_card_chargeDeclined", new String[] { "generic_decline", "Your card was declined." },
			"pm_card_chargeDeclinedInsufficientFunds", new String[] { "insufficient_funds", "Your card has insufficient funds." });
	private static final List<String> SUCCEEDING = List.of("pm_card_visa", "pm_card_mastercard", "pm_card_amex");
	static final String THREE_D_SECURE = "pm_card_threeDSecure2Required";
	/** Stripe's minimum charge per currency (smallest unit), for the currencies tests use; 50 otherwise. */
	private static final Map<String, Long> MINIMUMS = Map.of("usd", 50L, "eur", 50L, "gbp", 30L, "jpy", 50L, "sek", 300L);

	private final Map<String, StripeIntent> intents = new LinkedHashMap<>();
	private final Map<String, StripeCharge> charges = new LinkedHashMap<>();
	private final List<FakeStripe.RefundRecord> refunds = new ArrayList<>();
	private final List<String> captures = new ArrayList<>();
	private final List<String> cancellations = new ArrayList<>();
	/** (type, object JSON): what Stripe would send a webhook about. */
	private final BiConsumer<String, Map<String, Object>> events;

	FakePaymentIntents(BiConsumer<String, Map<String, Object>> events) {
		this.events = events;
	}

	synchronized Map<String, Object> create(FormParams params) {
		long amount = params.requiredLong("amount");
		String currency = params.get("currency");
		if (currency == null || !currency.matches("[a-z]{3}")) {
			throw StripeFailure.invalidRequest(400, currency == null ? "parameter_missing" : "parameter_invalid_string",
					"currency", currency == null ? "Missing required param: currency." : "Invalid currency: " + currency);
		}
		long minimum = MINIMUMS.getOrDefault(currency, 50L);
		if (amount < minimum) {
			throw StripeFailure.invalidRequest(400, "amount_too_small", "amount",
					"Amount must be at least " + minimum + " in the smallest unit of " + currency);
		}
		String captureMethod = params.get("capture_method") != null ? params.get("capture_method") : "automatic";
		var intent = new StripeIntent(id("pi_"), amount, currency, captureMethod, params.map("metadata"), params.get("description"),
				now());
		intent.clientSecret = intent.id + "_secret_" + randomString(25);
		intents.put(intent.id, intent);
		publish("payment_intent.created", intent);
		if (params.get("payment_method") != null && "true".equals(params.get("confirm"))) {
			return confirm(intent.id, params);
		}
		return intent.json(null);
	}

	synchronized Map<String, Object> retrieve(String id, boolean expandCharge) {
		StripeIntent intent = intent(id, 404);
		return intent.json(expandCharge && intent.latestCharge != null ? charges.get(intent.latestCharge).json() : null);
	}

	synchronized Map<String, Object> confirm(String id, FormParams params) {
		StripeIntent intent = intent(id, 404);
		if (!intent.status.equals("requires_payment_method") && !intent.status.equals("requires_confirmation")) {
			throw StripeFailure.unexpectedState(intent.json(null), "You cannot confirm this PaymentIntent because it has a status of "
					+ intent.status + ".");
		}
		String paymentMethod = params.get("payment_method") != null ? params.get("payment_method") : intent.paymentMethod;
		if (paymentMethod == null) {
			throw StripeFailure.unexpectedState(intent.json(null),
					"You cannot confirm this PaymentIntent because it's missing a payment method.");
		}
		if (!SUCCEEDING.contains(paymentMethod) && !DECLINES.containsKey(paymentMethod) && !THREE_D_SECURE.equals(paymentMethod)) {
			throw StripeFailure.missing(400, "PaymentMethod", paymentMethod, "payment_method");
		}
		intent.paymentMethod = paymentMethod;
		intent.lastPaymentError = null;
		if (DECLINES.containsKey(paymentMethod)) {
			String[] decline = DECLINES.get(paymentMethod);
			StripeCharge charge = charge(intent, "failed");
			charge.failureCode = "card_declined";
			charge.failureMessage = decline[1];
			intent.status = "requires_payment_method";
			intent.lastPaymentError = cardError(decline[0], decline[1], paymentMethod, charge.id);
			publish("payment_intent.payment_failed", intent);
			throw StripeFailure.card(intent.lastPaymentError, charge.id, intent.json(null));
		}
		if (THREE_D_SECURE.equals(paymentMethod)) {
			intent.status = "requires_action";
			intent.nextAction = Map.of("type", "use_stripe_sdk", "use_stripe_sdk",
					Map.of("type", "stripe_3ds2_fingerprint", "three_d_secure_2_source", id("src_"), "directory_server_name", "visa"));
			publish("payment_intent.requires_action", intent);
			return intent.json(null);
		}
		authorize(intent);
		return intent.json(null);
	}

	/** Completes 3-D Secure as the buyer's bank would: the card is authorized, or the attempt fails. */
	synchronized Map<String, Object> authenticate(String id, boolean succeed) {
		StripeIntent intent = intent(id, 404);
		if (!intent.status.equals("requires_action")) {
			throw StripeFailure.unexpectedState(intent.json(null), "This PaymentIntent has a status of " + intent.status
					+ " and does not require authentication.");
		}
		intent.nextAction = null;
		if (succeed) {
			authorize(intent);
		}
		else {
			intent.status = "requires_payment_method";
			var error = new LinkedHashMap<String, Object>();
			error.put("type", "invalid_request_error");
			error.put("code", "payment_intent_authentication_failure");
			error.put("message", "We are unable to authenticate your payment method. Please choose a different payment method and try again.");
			error.put("payment_method", paymentMethod(intent.paymentMethod));
			intent.lastPaymentError = error;
			publish("payment_intent.payment_failed", intent);
		}
		return intent.json(null);
	}

	synchronized Map<String, Object> capture(String id, FormParams params) {
		StripeIntent intent = intent(id, 404);
		if (!intent.status.equals("requires_capture")) {
			throw StripeFailure.unexpectedState(intent.json(null), "This PaymentIntent could not be captured because it has a status of "
					+ intent.status + ". Only a PaymentIntent with one of the following statuses may be captured: requires_capture.");
		}
		long amount = params.get("amount_to_capture") != null ? params.requiredLong("amount_to_capture") : intent.amountCapturable;
		if (amount > intent.amountCapturable) {
			throw StripeFailure.invalidRequest(400, "amount_too_large", "amount_to_capture",
					"The amount to capture must be at most the amount capturable, " + intent.amountCapturable + ".");
		}
		StripeCharge charge = charges.get(intent.latestCharge);
		charge.captured = true;
		charge.amountCaptured = amount;
		intent.status = "succeeded";
		intent.amountReceived = amount;
		intent.amountCapturable = 0;
		captures.add(intent.id);
		publish("payment_intent.succeeded", intent);
		return intent.json(null);
	}

	synchronized Map<String, Object> cancel(String id, FormParams params) {
		StripeIntent intent = intent(id, 404);
		if (intent.status.equals("succeeded") || intent.status.equals("canceled")) {
			throw StripeFailure.unexpectedState(intent.json(null), "You cannot cancel this PaymentIntent because it has a status of "
					+ intent.status + ". Only a PaymentIntent with one of the following statuses may be canceled: "
					+ "requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.");
		}
		if (intent.status.equals("requires_capture")) {
			// Releasing the authorization: Stripe shows the uncaptured charge as refunded in full.
			StripeCharge charge = charges.get(intent.latestCharge);
			charge.amountRefunded = charge.amount;
			charge.refunded = true;
		}
		intent.status = "canceled";
		intent.amountCapturable = 0;
		intent.nextAction = null;
		intent.canceledAt = now();
		intent.cancellationReason = params.get("cancellation_reason");
		cancellations.add(intent.id);
		publish("payment_intent.canceled", intent);
		return intent.json(null);
	}

	synchronized Map<String, Object> refund(FormParams params) {
		String id = params.get("payment_intent");
		if (id == null) {
			throw StripeFailure.invalidRequest(400, "parameter_missing", "payment_intent",
					"One of the following params should be provided for this request: payment_intent or charge.");
		}
		StripeIntent intent = intent(id, 400);
		StripeCharge charge = intent.latestCharge != null ? charges.get(intent.latestCharge) : null;
		if (!intent.status.equals("succeeded") || charge == null) {
			throw StripeFailure.invalidRequest(400, "payment_intent_unexpected_state", "payment_intent",
					"This PaymentIntent (" + id + ") does not have a successful charge to refund; it has a status of "
							+ intent.status + ".");
		}
		if (charge.refunded) {
			throw StripeFailure.invalidRequest(400, "charge_already_refunded", null, "Charge " + charge.id + " has already been refunded.");
		}
		long remaining = charge.amountCaptured - charge.amountRefunded;
		long amount = params.get("amount") != null ? params.requiredLong("amount") : remaining;
		if (amount <= 0 || amount > remaining) {
			throw StripeFailure.invalidRequest(400, "amount_too_large", "amount", "Refund amount (" + amount
					+ ") is greater than unrefunded amount on charge (" + remaining + ")");
		}
		charge.amountRefunded += amount;
		charge.refunded = charge.amountRefunded == charge.amountCaptured;
		var refund = new FakeStripe.RefundRecord(id("re_"), intent.id, charge.id, amount, intent.currency);
		refunds.add(refund);
		publish("charge.refunded", charge.json());
		var json = new LinkedHashMap<String, Object>();
		json.put("id", refund.id());
		json.put("object", "refund");
		json.put("amount", amount);
		json.put("charge", charge.id);
		json.put("created", now());
		json.put("currency", intent.currency);
		json.put("metadata", Map.of());
		json.put("payment_intent", intent.id);
		json.put("reason", params.get("reason"));
		json.put("status", "succeeded");
		return json;
	}

	synchronized FakeStripe.PaymentIntentSnapshot snapshot(String id) {
		StripeIntent intent = intents.get(id);
		if (intent == null) {
			throw new IllegalArgumentException("the fake has no PaymentIntent " + id + "; it has " + intents.keySet());
		}
		StripeCharge charge = intent.latestCharge != null ? charges.get(intent.latestCharge) : null;
		return new FakeStripe.PaymentIntentSnapshot(intent.id, intent.status, intent.amount, intent.currency, intent.captureMethod,
				intent.amountCapturable, intent.amountReceived, charge != null ? charge.amountRefunded : 0, Map.copyOf(intent.metadata),
				intent.paymentMethod, intent.latestCharge);
	}

	synchronized List<FakeStripe.PaymentIntentSnapshot> snapshots() {
		return intents.keySet().stream().map(this::snapshot).toList();
	}

	synchronized List<String> captures() {
		return List.copyOf(captures);
	}

	synchronized List<String> cancellations() {
		return List.copyOf(cancellations);
	}

	synchronized List<FakeStripe.RefundRecord> refunds() {
		return List.copyOf(refunds);
	}

	synchronized void reset() {
		intents.clear();
		charges.clear();
		refunds.clear();
		captures.clear();
		cancellations.clear();
	}

	private void authorize(StripeIntent intent) {
		StripeCharge charge = charge(intent, "succeeded");
		if (intent.captureMethod.equals("automatic")) {
			charge.captured = true;
			charge.amountCaptured = intent.amount;
			intent.status = "succeeded";
			intent.amountReceived = intent.amount;
			publish("payment_intent.succeeded", intent);
		}
		else {
			intent.status = "requires_capture";
			intent.amountCapturable = intent.amount;
			publish("payment_intent.amount_capturable_updated", intent);
		}
	}

	private StripeCharge charge(StripeIntent intent, String status) {
		var charge = new StripeCharge(id("ch_"), intent.id, intent.amount, intent.currency, intent.paymentMethod, status, now());
		charges.put(charge.id, charge);
		intent.latestCharge = charge.id;
		return charge;
	}

	private StripeIntent intent(String id, int statusIfMissing) {
		StripeIntent intent = intents.get(id);
		if (intent == null) {
			throw StripeFailure.missing(statusIfMissing, "payment_intent", id, statusIfMissing == 404 ? "intent" : "payment_intent");
		}
		return intent;
	}

	private void publish(String type, StripeIntent intent) {
		events.accept(type, intent.json(null));
	}

	private void publish(String type, Map<String, Object> object) {
		events.accept(type, object);
	}

	private static Map<String, Object> cardError(String declineCode, String message, String paymentMethod, String chargeId) {
		var error = new LinkedHashMap<String, Object>();
		error.put("type", "card_error");
		error.put("code", "card_declined");
		error.put("decline_code", declineCode);
		error.put("doc_url", "https://stripe.com/docs/error-codes/card-declined");
		error.put("message", message);
		error.put("charge", chargeId);
		error.put("payment_method", paymentMethod(paymentMethod));
		return error;
	}

	private static Map<String, Object> paymentMethod(String id) {
		return Map.of("id", id, "object", "payment_method", "type", "card", "livemode", false);
	}

	static String id(String prefix) {
		return prefix + randomString(24);
	}

	static String randomString(int length) {
		var text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return text.toString();
	}

	static long now() {
		return Instant.now().getEpochSecond();
	}
}
