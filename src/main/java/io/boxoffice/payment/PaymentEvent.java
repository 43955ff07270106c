package io.boxoffice.payment;

import java.time.Instant;

/**
 * A verified Stripe webhook event about a payment. Stripe delivers events at least once and in no
 * particular order: deduplicate by {@link #eventId()} and let the payment's current state, not the
 * arrival order, decide what to do.
 *
 * @param bookingId from the payment's metadata, or {@code null} when the event's object does not carry it
 *        (always look the booking up by {@link #paymentIntentId()})
 * @param failureCode for {@link Type#PAYMENT_FAILED}: the decline code or error code, else {@code null}
 */
public record PaymentEvent(String eventId, Type type, String paymentIntentId, Instant created, String bookingId,
		String failureCode) {

	/** The Stripe event types payments act on. */
	public enum Type {
		/** {@code payment_intent.amount_capturable_updated}: authorized, ready to capture. */
		AUTHORIZED("payment_intent.amount_capturable_updated"),
		/** {@code payment_intent.succeeded}: captured. */
		CAPTURED("payment_intent.succeeded"),
		/** {@code payment_intent.payment_failed}: declined or authentication failed; the buyer may retry. */
		PAYMENT_FAILED("payment_intent.payment_failed"),
		/** {@code payment_intent.canceled}: voided. */
		CANCELED("payment_intent.canceled"),
		/** {@code charge.refunded}: (part of) the captured amount was refunded. */
		REFUNDED("charge.refunded");

		private final String stripeType;

		Type(String stripeType) {
			this.stripeType = stripeType;
		}

		/** Stripe's name for the event type. */
		public String stripeType() {
			return stripeType;
		}
	}
}
