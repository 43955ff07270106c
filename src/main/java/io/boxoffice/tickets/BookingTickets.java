package io.boxoffice.tickets;

import java.util.UUID;

import reactor.core.publisher.Flux;

/**
 * Stand-in with the signature of the tickets module's class of the same name, so that the mail module compiles
 * before that module lands; it is not a bean, so confirmation mails list seats without codes. Replaced on merge.
 */
public class BookingTickets {

	public Flux<IssuedTicket> of(UUID bookingId) {
		return Flux.empty();
	}
}
