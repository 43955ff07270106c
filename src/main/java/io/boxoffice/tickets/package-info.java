/**
 * Admission tickets and door check-in (docs/tickets.md). Every seat of a confirmed booking gets a ticket with an
 * unguessable secret, issued by {@link io.boxoffice.tickets.TicketIssuing} inside the booking module's confirm
 * transaction and voided inside its cancel transaction, so a booking and its tickets never disagree. The owner reads
 * them (with a QR code of the secret) under {@code /api/bookings/{id}/tickets}; a scanner redeems a secret once at
 * {@code POST /api/events/{id}/check-ins}, made exactly-once by a conditional UPDATE in Postgres.
 * <p>
 * A module of its own, rather than part of booking: what happens at the door (scanners, gates, re-entry rules) changes
 * for other reasons than the sale, and booking only needs the two calls of {@code TicketIssuing}. The dependency runs
 * booking → tickets; this module reads the booking and catalog tables in SQL (the owner of a booking, a seat's label),
 * never their Java types, so the two cannot form a cycle. {@link io.boxoffice.tickets.BookingTickets} lists a booking's
 * tickets for other modules (the confirmation email).
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.tickets;
