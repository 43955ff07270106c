package io.boxoffice.payment;

/**
 * The result of confirming a payment with a payment method.
 *
 * @param clientSecret set for {@link Outcome#REQUIRES_ACTION}: the browser finishes authentication with it
 * @param declineCode set for {@link Outcome#DECLINED}: Stripe's decline code (e.g. {@code insufficient_funds})
 * @param message set for {@link Outcome#DECLINED}: Stripe's explanation, written to be shown to the buyer
 */
public record PaymentConfirmation(Outcome outcome, String paymentIntentId, String clientSecret, String declineCode,
		String message) {

	public enum Outcome {
		/** The amount is reserved on the card; capture (or cancel) it. */
		AUTHORIZED,
		/** The buyer must authenticate (3-D Secure) in the browser; the webhook tells how it ended. */
		REQUIRES_ACTION,
		/** The payment method is still being processed; the webhook tells how it ended. */
		PROCESSING,
		/** The card was declined; the payment can be confirmed again with another payment method. */
		DECLINED
	}

	public boolean isDeclined() {
		return outcome == Outcome.DECLINED;
	}
}
