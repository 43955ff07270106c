package io.boxoffice.payment;

/**
 * A payment created for a booking.
 *
 * @param clientSecret lets the buyer's browser confirm or authenticate this payment (and nothing else);
 *        hand it only to the buyer who owns the booking
 */
public record PaymentAuthorization(String paymentIntentId, String clientSecret, PaymentState state) {
}
