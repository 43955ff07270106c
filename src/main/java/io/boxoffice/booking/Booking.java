package io.boxoffice.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of {@code booking} with its seats ({@code booking_item}). */
record Booking(UUID id, String userId, long eventId, BookingStatus status, long amountCents, String currency,
		String paymentIntentId, String holdId, Instant createdAt, Instant expiresAt, Instant confirmedAt,
		Instant cancelledAt, String reason, List<Item> items) {

	record Item(long seatId, int priceCents) {
	}

	List<Long> seatIds() {
		return items.stream().map(Item::seatId).toList();
	}

	Booking withItems(List<Item> items) {
		return new Booking(id, userId, eventId, status, amountCents, currency, paymentIntentId, holdId, createdAt,
				expiresAt, confirmedAt, cancelledAt, reason, items);
	}
}
