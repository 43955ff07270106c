package io.boxoffice.tickets;

import java.util.UUID;

import reactor.core.publisher.Flux;

import org.springframework.stereotype.Service;

/** A booking's tickets for other modules (the confirmation email): no owner check, the caller is the system. */
@Service
public class BookingTickets {

	private final AdmissionTickets tickets;

	BookingTickets(AdmissionTickets tickets) {
		this.tickets = tickets;
	}

	/** In seat order; empty for a booking that was never confirmed. */
	public Flux<IssuedTicket> of(UUID bookingId) {
		return tickets.ofBooking(bookingId);
	}
}
