package io.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A booking as its owner sees it.
 *
 * @param nextAction {@code REQUIRES_ACTION} when the browser must finish 3-D Secure with {@code clientSecret}
 * @param clientSecret the PaymentIntent's client secret (only to the owner, only while payment is open)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BookingView(UUID bookingId, BookingStatus status, long eventId, List<Booking.Item> seats, long amountCents,
		String currency, Instant createdAt, Instant expiresAt, Instant confirmedAt, Instant cancelledAt, String reason,
		String nextAction, String clientSecret) {

	static BookingView of(Booking booking) {
		return new BookingView(booking.id(), booking.status(), booking.eventId(), booking.items(), booking.amountCents(),
				booking.currency(), booking.createdAt(), booking.expiresAt(), booking.confirmedAt(), booking.cancelledAt(),
				booking.reason(), null, null);
	}

	BookingView withPayment(String nextAction, String clientSecret) {
		return new BookingView(bookingId, status, eventId, seats, amountCents, currency, createdAt, expiresAt, confirmedAt,
				cancelledAt, reason, nextAction, clientSecret);
	}
}
