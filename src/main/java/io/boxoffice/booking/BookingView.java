package io.boxoffice.booking;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

import io.boxoffice.catalog.VenueRef;

/**
 * A booking as its owner sees it (docs/api.md, "Bookings"): the event and each seat by name, not only by id.
 * {@link #of} has the ids only; {@link BookingDetails} adds the event and the seats' names before it is answered.
 *
 * @param expiresAt while PENDING only: the end of the payment window
 * @param reason why a booking ended (RELEASED, EXPIRED, FAILED, CANCELLED)
 * @param nextAction {@code REQUIRES_ACTION} when the browser must finish 3-D Secure with {@code clientSecret}
 * @param clientSecret the PaymentIntent's client secret (only to the owner, only while payment is open)
 * @param paymentError while PENDING: why the last payment attempt failed (a failed 3-D Secure, a decline)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record BookingView(UUID bookingId, BookingStatus status, long eventId, Event event, List<Seat> seats, long amountCents,
		String currency, Instant createdAt, Instant expiresAt, Instant confirmedAt, Instant cancelledAt, String reason,
		@Schema(allowableValues = { "REQUIRES_ACTION", "PROCESSING" }) String nextAction, String clientSecret, String paymentError) {

	/** The event as a booking shows it; {@code localStartsAt} is {@code startsAt} on the venue's clock ({@code timeZone}). */
	@io.swagger.v3.oas.annotations.media.Schema(name = "BookingEvent")
	record Event(long id, String name, Instant startsAt, @io.swagger.v3.oas.annotations.media.Schema(implementation = String.class, pattern = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$", example = "2027-03-01T20:00:00", description = "startsAt on the venue's clock (timeZone), no offset") LocalDateTime localStartsAt, String timeZone, VenueRef venue) {
	}

	/** A booked seat; {@code section}, {@code row} and {@code number} as printed on the ticket. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "BookedSeat")
	record Seat(long seatId, String section, String row, String number, int priceCents) {
	}

	static BookingView of(Booking booking) {
		boolean pending = booking.status() == BookingStatus.PENDING;
		var seats = booking.items().stream().map(item -> new Seat(item.seatId(), null, null, null, item.priceCents())).toList();
		// While PENDING the reason column carries the last payment failure (see PaymentEventHandling); a booking
		// that ended has its own reason there.
		return new BookingView(booking.id(), booking.status(), booking.eventId(), null, seats, booking.amountCents(),
				booking.currency(), booking.createdAt(), pending ? booking.expiresAt() : null, booking.confirmedAt(),
				booking.cancelledAt(), pending ? null : booking.reason(), null, null, pending ? booking.reason() : null);
	}

	BookingView withPayment(String nextAction, String clientSecret) {
		return new BookingView(bookingId, status, eventId, event, seats, amountCents, currency, createdAt, expiresAt, confirmedAt,
				cancelledAt, reason, nextAction, clientSecret, paymentError);
	}

	BookingView withDetails(Event event, List<Seat> seats) {
		return new BookingView(bookingId, status, eventId, event, seats, amountCents, currency, createdAt, expiresAt, confirmedAt,
				cancelledAt, reason, nextAction, clientSecret, paymentError);
	}
}
