package io.boxoffice.payment;

import reactor.core.publisher.Mono;

/**
 * Takes a buyer's money in two steps: authorize while the seats are held, capture once they are sold,
 * or void the authorization if they are not.
 *
 * <p>Every mutating call takes an idempotency key: calling again with the same key and arguments
 * (after a timeout, a crash, a retried job) returns the first call's result instead of charging twice.
 * Derive keys from what the call is for (e.g. {@code "booking-42-capture"}), never from time.
 *
 * <p>Failures: {@link PaymentUnavailable} when Stripe cannot be reached or did not answer in time
 * (retry with the same key), {@link PaymentRejected} when Stripe refused the request (retrying will not
 * help), and for {@link #confirm} the 422 {@code payment-method-invalid} problem when Stripe does not know the
 * payment method (the buyer's mistake; the payment is unchanged). A declined card is not an error: {@link #confirm} returns {@link PaymentConfirmation.Outcome#DECLINED}.
 * Missing arguments (a blank idempotency key, a non-positive amount) are programming errors and throw
 * {@link IllegalArgumentException} at once, before any {@code Mono} is returned.
 */
public interface PaymentGateway {

	/**
	 * Creates the payment for a booking, to be confirmed with a payment method (server side, or by the
	 * browser with the client secret). Nothing is charged yet.
	 *
	 * @param currency ISO 4217 code, any case (e.g. {@code "EUR"})
	 */
	Mono<PaymentAuthorization> authorize(String bookingId, long amountCents, String currency, String idempotencyKey);

	/**
	 * Confirms the payment with a payment method (e.g. {@code pm_card_visa}): the card is authorized for
	 * the amount ({@code AUTHORIZED}), needs the buyer to authenticate ({@code REQUIRES_ACTION}, finish it
	 * in the browser with the client secret) or was declined ({@code DECLINED}, another card may be tried).
	 */
	Mono<PaymentConfirmation> confirm(String paymentIntentId, String paymentMethod, String idempotencyKey);

	/** Takes the authorized amount. Completes also when it was already captured. */
	Mono<Void> capture(String paymentIntentId, String idempotencyKey);

	/**
	 * Voids the payment (releases an authorization); if it was captured meanwhile, refunds it in full instead.
	 * Completes also when it was already canceled or refunded: the buyer keeps their money either way.
	 */
	Mono<Void> cancel(String paymentIntentId, String idempotencyKey);

	/**
	 * Refunds a captured payment in full; if it was never captured, voids it instead (nothing was taken).
	 * Completes also when it was already refunded in full or canceled.
	 */
	Mono<Void> refund(String paymentIntentId, String idempotencyKey);

	/** What Stripe knows about the payment now, for the reconciler. */
	Mono<PaymentStatus> status(String paymentIntentId);
}
