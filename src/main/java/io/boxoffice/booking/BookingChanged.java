package io.boxoffice.booking;

import java.util.List;
import java.util.UUID;

/**
 * What booking tells other systems on {@code booking.changed}, keyed by the event id: the outbox row's type is the
 * record's name and its payload the record's fields. The search indexer reads {@code eventId} (docs/search.md); rows
 * written before these records existed have the same fields.
 */
sealed interface BookingChanged permits BookingConfirmed, BookingCancelled {

	UUID bookingId();

	long eventId();

	List<Long> seatIds();

	default String type() {
		return getClass().getSimpleName();
	}
}
