package io.boxoffice.booking;

import java.util.List;
import java.util.UUID;

/** The booking's seats are sold: its tickets exist and its capture is queued. */
record BookingConfirmed(UUID bookingId, long eventId, List<Long> seatIds) implements BookingChanged {

	static BookingConfirmed of(Booking booking) {
		return new BookingConfirmed(booking.id(), booking.eventId(), booking.seatIds());
	}
}
