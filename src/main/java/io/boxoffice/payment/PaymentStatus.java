package io.boxoffice.payment;

/**
 * A payment as Stripe sees it now.
 *
 * @param bookingId the booking the payment was created for (from its metadata), or {@code null} if the
 *        payment was not created by this service
 * @param failureCode why the last attempt failed (decline code, or e.g. {@code payment_intent_authentication_failure}),
 *        or {@code null}
 */
public record PaymentStatus(String paymentIntentId, PaymentState state, long amountCents, String currency,
		long authorizedCents, long capturedCents, long refundedCents, String bookingId, String failureCode) {

	public boolean isFullyRefunded() {
		return capturedCents > 0 && refundedCents >= capturedCents;
	}
}
