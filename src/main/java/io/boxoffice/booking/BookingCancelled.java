package io.boxoffice.booking;

import java.util.List;
import java.util.UUID;

/** The buyer cancelled a confirmed booking: its tickets are gone and its refund is queued. */
record BookingCancelled(UUID bookingId, long eventId, List<Long> seatIds) implements BookingChanged {

	static BookingCancelled of(Booking booking) {
		return new BookingCancelled(booking.id(), booking.eventId(), booking.seatIds());
	}
}
