package io.boxoffice.waitlist;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** The statements on {@code waitlist_entry}; they join the caller's transaction when there is one. */
@Component
class WaitlistEntries {

	private static final String LIVE = "status IN ('WAITING', 'OFFERED')";

	private final DatabaseClient db;

	WaitlistEntries(DatabaseClient db) {
		this.db = db;
	}

	/** Fails with a {@code DataIntegrityViolationException} when the user already has a live entry for the event. */
	Mono<WaitlistEntry> join(long eventId, String userId, int seats, Long sectionId) {
		var insert = db.sql("INSERT INTO waitlist_entry (event_id, user_id, seats, section_id, status) "
				+ "VALUES (:event, :user, :seats, :section, 'WAITING') RETURNING *")
			.bind("event", eventId).bind("user", userId).bind("seats", seats);
		insert = sectionId == null ? insert.bindNull("section", Long.class) : insert.bind("section", sectionId);
		return insert.map(WaitlistEntries::entry).one();
	}

	Mono<WaitlistEntry> liveOf(long eventId, String userId) {
		return db.sql("SELECT * FROM waitlist_entry WHERE event_id = :event AND user_id = :user AND " + LIVE)
			.bind("event", eventId).bind("user", userId)
			.map(WaitlistEntries::entry).one();
	}

	/** 1 for the first WAITING entry; an OFFERED one has no place (it is being served). */
	Mono<Long> position(WaitlistEntry entry) {
		return db.sql("SELECT count(*) + 1 AS place FROM waitlist_entry WHERE event_id = :event AND status = 'WAITING' AND id < :id")
			.bind("event", entry.eventId()).bind("id", entry.id())
			.map((row, meta) -> row.get("place", Long.class)).one();
	}

	/** Live entries of the event in line order. */
	Flux<WaitlistEntry> live(long eventId) {
		return db.sql("SELECT * FROM waitlist_entry WHERE event_id = :event AND " + LIVE + " ORDER BY id")
			.bind("event", eventId)
			.map(WaitlistEntries::entry).all();
	}

	Flux<Long> eventsWithLiveEntries() {
		return db.sql("SELECT DISTINCT event_id FROM waitlist_entry WHERE " + LIVE)
			.map((row, meta) -> row.get("event_id", Long.class)).all();
	}

	/**
	 * At most one checker per event at a time, on any instance: a transaction-scoped advisory lock, released by the
	 * commit. False when another checker has it (this one skips the event until its next round).
	 */
	Mono<Boolean> tryLockEvent(long eventId) {
		return db.sql("SELECT pg_try_advisory_xact_lock(hashtextextended('waitlist:' || :event, 0)) AS locked")
			.bind("event", eventId)
			.map((row, meta) -> row.get("locked", Boolean.class)).one();
	}

	Mono<Void> offered(long id, String holdId, List<Long> seatIds, Instant expiresAt) {
		return db.sql("UPDATE waitlist_entry SET status = 'OFFERED', hold_id = :hold, offered_seat_ids = :seats, "
				+ "offer_expires_at = :expires, updated_at = now() WHERE id = :id AND status = 'WAITING'")
			.bind("hold", holdId).bind("seats", seatIds.toArray(Long[]::new)).bind("expires", expiresAt).bind("id", id)
			.then();
	}

	/** Ends a live entry; false when it was no longer live. */
	Mono<Boolean> end(long id, WaitlistEntry.Status status) {
		return db.sql("UPDATE waitlist_entry SET status = :status, updated_at = now() WHERE id = :id AND " + LIVE)
			.bind("status", status.name()).bind("id", id)
			.fetch().rowsUpdated().map(updated -> updated > 0);
	}

	private static WaitlistEntry entry(Readable row) {
		Long[] seats = row.get("offered_seat_ids", Long[].class);
		return new WaitlistEntry(row.get("id", Long.class), row.get("event_id", Long.class), row.get("user_id", String.class),
				row.get("seats", Integer.class), row.get("section_id", Long.class),
				WaitlistEntry.Status.valueOf(row.get("status", String.class)), row.get("hold_id", String.class),
				seats == null ? List.of() : Arrays.asList(seats), row.get("offer_expires_at", Instant.class),
				row.get("created_at", Instant.class));
	}
}
