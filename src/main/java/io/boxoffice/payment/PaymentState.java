package io.boxoffice.payment;

/** Where a payment stands; one state per Stripe PaymentIntent status, named for what it means here. */
public enum PaymentState {
	/** Created, or declined and waiting for another payment method. */
	REQUIRES_PAYMENT_METHOD,
	REQUIRES_CONFIRMATION,
	/** The buyer must authenticate (3-D Secure). */
	REQUIRES_ACTION,
	PROCESSING,
	/** The amount is reserved on the card and can be captured ({@code requires_capture}). */
	AUTHORIZED,
	/** The money was taken ({@code succeeded}); refunds do not change this state. */
	CAPTURED,
	/** Voided: nothing was or will be taken. */
	CANCELED;

	/** Whether nothing more can happen to the payment except a refund. */
	public boolean isFinal() {
		return this == CAPTURED || this == CANCELED;
	}
}
