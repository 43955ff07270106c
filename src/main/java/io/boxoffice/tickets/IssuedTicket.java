package io.boxoffice.tickets;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An admission ticket as its owner (and the confirmation email) sees it.
 *
 * @param secret what the door scans: 128 random bits, URL-safe; the QR code encodes exactly this
 * @param status {@code VALID} (admits once), {@code USED} (admitted at {@code checkedInAt}), {@code VOID} (cancelled)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuedTicket(UUID ticketId, UUID bookingId, long eventId, String eventName, Instant startsAt,
		String venueName, String timezone, long seatId, String section, String row, int number, String secret,
		TicketStatus status, Instant checkedInAt, String checkedInGate) {

	public enum TicketStatus {
		VALID, USED, VOID
	}
}
