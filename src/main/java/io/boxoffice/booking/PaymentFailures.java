package io.boxoffice.booking;

/** What a buyer is told about a failed payment attempt, from Stripe's error or decline code. */
final class PaymentFailures {

	private PaymentFailures() {
	}

	/** Written for the buyer; the code in brackets is Stripe's, for support. */
	static String describe(String failureCode) {
		if (failureCode == null || failureCode.isBlank()) {
			return "The payment failed; pay again with another card or cancel the booking";
		}
		String why = switch (failureCode) {
			case "payment_intent_authentication_failure" -> "3-D Secure authentication failed";
			case "insufficient_funds" -> "The card has insufficient funds";
			case "expired_card" -> "The card has expired";
			case "card_declined", "generic_decline" -> "The card was declined";
			default -> "The payment failed";
		};
		return why + " (" + failureCode + "); pay again with another card or cancel the booking";
	}
}
