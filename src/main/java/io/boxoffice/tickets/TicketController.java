package io.boxoffice.tickets;

import java.security.Principal;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's tickets. Under {@code /api/bookings/{id}} so the bookings' security rule and rate limit cover them;
 * someone else's booking (or ticket) is a 404, as for bookings. Never cached: the body holds the secrets.
 */
@RestController
@RequestMapping("/api/bookings/{bookingId}/tickets")
class TicketController {

	static final MediaType SVG = MediaType.valueOf("image/svg+xml");

	private final AdmissionTickets tickets;

	TicketController(AdmissionTickets tickets) {
		this.tickets = tickets;
	}

	/** The booking's tickets in seat order; empty while it is not confirmed yet (or never was). */
	@GetMapping
	@io.swagger.v3.oas.annotations.Operation(operationId = "listTickets", summary = "The booking's admission tickets, one per seat")
	Mono<ResponseEntity<List<IssuedTicket>>> list(Principal user, @PathVariable UUID bookingId) {
		return tickets.ownerOf(bookingId)
			.filter(owner -> owner.equals(user.getName()))
			.switchIfEmpty(Mono.error(() -> TicketProblems.bookingNotFound(bookingId)))
			.flatMap(owner -> tickets.ofBooking(bookingId).collectList())
			.map(list -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(list));
	}

	/** The ticket's secret as a QR code (SVG): what the door scans. */
	@GetMapping(path = "/{ticketId}/qr.svg", produces = "image/svg+xml")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getTicketQrCode", summary = "The ticket's QR code (SVG) that the door scans")
	Mono<ResponseEntity<String>> qr(Principal user, @PathVariable UUID bookingId, @PathVariable UUID ticketId) {
		return tickets.findOwned(user.getName(), bookingId, ticketId)
			.switchIfEmpty(Mono.error(() -> TicketProblems.ticketNotFound(bookingId, ticketId)))
			.map(ticket -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(SVG).body(QrCodes.svg(ticket.secret())));
	}
}
