package io.boxoffice.tickets;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code admission_ticket} table, read with its seat and event labels (the catalog's tables) and its booking's
 * owner (the booking table). Callers own the transactions.
 */
@Repository
class AdmissionTickets {

	private static final String VIEW = """
			SELECT t.id, t.booking_id, t.event_id, e.name AS event_name, e.starts_at, v.name AS venue_name, v.timezone,
			       t.seat_id, sec.name AS section, s.row_label, s.number, t.secret, t.status, t.checked_in_at, t.checked_in_gate
			FROM admission_ticket t
			JOIN seat s ON s.id = t.seat_id
			JOIN section sec ON sec.id = s.section_id
			JOIN event e ON e.id = t.event_id
			JOIN venue v ON v.id = e.venue_id
			""";
	private static final String IN_SEAT_ORDER = " ORDER BY sec.position, sec.name, s.row_label, s.number";

	private final DatabaseClient db;

	AdmissionTickets(DatabaseClient db) {
		this.db = db;
	}

	Mono<Long> insert(UUID bookingId, long eventId, List<Long> seatIds, Instant now) {
		UUID[] ids = seatIds.stream().map(seat -> TicketSecrets.nextId()).toArray(UUID[]::new);
		String[] secrets = seatIds.stream().map(seat -> TicketSecrets.next()).toArray(String[]::new);
		return db.sql("""
				INSERT INTO admission_ticket (id, secret, booking_id, event_id, seat_id, issued_at)
				SELECT id, secret, :booking, :event, seat, :now
				FROM unnest(CAST(:ids AS uuid[]), CAST(:secrets AS text[]), CAST(:seats AS bigint[])) AS t(id, secret, seat)
				ON CONFLICT (booking_id, seat_id) DO NOTHING
				""")
			.bind("booking", bookingId)
			.bind("event", eventId)
			.bind("now", now)
			.bind("ids", ids)
			.bind("secrets", secrets)
			.bind("seats", seatIds.toArray(Long[]::new))
			.fetch()
			.rowsUpdated();
	}

	Mono<Long> voidAll(UUID bookingId, Instant now) {
		return db.sql("UPDATE admission_ticket SET status = 'VOID', voided_at = :now WHERE booking_id = :booking AND status = 'VALID'")
			.bind("now", now)
			.bind("booking", bookingId)
			.fetch()
			.rowsUpdated();
	}

	Flux<IssuedTicket> ofBooking(UUID bookingId) {
		return db.sql(VIEW + " WHERE t.booking_id = :booking" + IN_SEAT_ORDER)
			.bind("booking", bookingId)
			.map(AdmissionTickets::ticket)
			.all();
	}

	/** The owner of a booking, or empty when there is no such booking. */
	Mono<String> ownerOf(UUID bookingId) {
		return db.sql("SELECT user_id FROM booking WHERE id = :id")
			.bind("id", bookingId)
			.map((row, meta) -> row.get("user_id", String.class))
			.one();
	}

	Mono<IssuedTicket> findOwned(String userId, UUID bookingId, UUID ticketId) {
		return db.sql(VIEW + " JOIN booking b ON b.id = t.booking_id WHERE t.id = :ticket AND t.booking_id = :booking AND b.user_id = :user")
			.bind("ticket", ticketId)
			.bind("booking", bookingId)
			.bind("user", userId)
			.map(AdmissionTickets::ticket)
			.one();
	}

	Mono<IssuedTicket> findBySecret(String secret) {
		return db.sql(VIEW + " WHERE t.secret = :secret").bind("secret", secret).map(AdmissionTickets::ticket).one();
	}

	/**
	 * Admits the ticket if it is for this event, valid and not yet used: the {@code checked_in_at IS NULL} condition is
	 * what makes two gates scanning one ticket at once admit it once (the second UPDATE waits for the first's row
	 * lock, re-reads the row and no longer matches). Emits the ticket's id when this call admitted it.
	 */
	Mono<UUID> admit(long eventId, String secret, String gate, Instant now) {
		var update = db.sql("""
				UPDATE admission_ticket SET checked_in_at = :now, checked_in_gate = :gate
				WHERE secret = :secret AND event_id = :event AND status = 'VALID' AND checked_in_at IS NULL
				RETURNING id
				""")
			.bind("now", now)
			.bind("secret", secret)
			.bind("event", eventId);
		update = gate == null ? update.bindNull("gate", String.class) : update.bind("gate", gate);
		return update.map((row, meta) -> row.get("id", UUID.class)).one();
	}

	private static IssuedTicket ticket(Readable row) {
		Instant checkedInAt = row.get("checked_in_at", Instant.class);
		var status = "VOID".equals(row.get("status", String.class)) ? IssuedTicket.TicketStatus.VOID
				: checkedInAt != null ? IssuedTicket.TicketStatus.USED : IssuedTicket.TicketStatus.VALID;
		return new IssuedTicket(row.get("id", UUID.class), row.get("booking_id", UUID.class), row.get("event_id", Long.class),
				row.get("event_name", String.class), row.get("starts_at", Instant.class), row.get("venue_name", String.class),
				row.get("timezone", String.class), row.get("seat_id", Long.class), row.get("section", String.class),
				row.get("row_label", String.class), row.get("number", Integer.class), row.get("secret", String.class), status,
				checkedInAt, row.get("checked_in_gate", String.class));
	}
}
