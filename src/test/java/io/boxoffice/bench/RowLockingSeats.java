package io.boxoffice.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * BENCHMARK ONLY (profile {@code bench}): seat holds the way the open-source peers do them, one row per seat with
 * a holder and an expiry. A hold locks the chosen rows with {@code SELECT … FOR UPDATE NOWAIT}, checks none is
 * held, and updates them, all in one transaction; a row another hold has locked is a conflict at once.
 */
@Component
@Profile("bench")
class RowLockingSeats {

	private final DatabaseClient db;
	private final TransactionalOperator transaction;
	private final Clock clock;
	private final Duration ttl;

	/** Holds last as long as the service's own ({@code boxoffice.holds.ttl}), so both ways recycle seats alike. */
	RowLockingSeats(DatabaseClient db, TransactionalOperator transaction, Clock clock,
			@Value("${boxoffice.holds.ttl:10m}") Duration ttl) {
		this.db = db;
		this.transaction = transaction;
		this.clock = clock;
		this.ttl = ttl;
	}

	/** Creates the seat rows of an event (what the peers do up front for every event); the number created. */
	Mono<Long> prepare(long eventId) {
		// Made here, not at start-up: on a fresh database Flyway must find the schema empty.
		return db.sql("""
				CREATE TABLE IF NOT EXISTS bench_seat_hold (
				    event_id bigint NOT NULL, seat_id bigint NOT NULL, holder text, held_until timestamptz,
				    PRIMARY KEY (event_id, seat_id))
				""").then().then(db.sql("""
				INSERT INTO bench_seat_hold (event_id, seat_id)
				SELECT e.id, s.id FROM event e JOIN seat s ON s.venue_id = e.venue_id WHERE e.id = :event
				ON CONFLICT DO NOTHING
				""").bind("event", eventId).fetch().rowsUpdated());
	}

	/** True if every seat was free and is now the user's; false if any was held or locked by another hold. */
	Mono<Boolean> hold(String user, long eventId, List<Long> seatIds) {
		Instant now = clock.instant();
		Long[] seats = seatIds.toArray(Long[]::new);
		Mono<Boolean> attempt = db.sql("""
				SELECT count(*) FILTER (WHERE held_until > :now) AS taken, count(*) AS found
				FROM (SELECT held_until FROM bench_seat_hold WHERE event_id = :event AND seat_id = ANY(:seats) FOR UPDATE NOWAIT) locked
				""")
			.bind("now", now).bind("event", eventId).bind("seats", seats)
			.map((row, meta) -> row.get("taken", Long.class) == 0 && row.get("found", Long.class) == seats.length)
			.one()
			.flatMap(free -> !free ? Mono.just(false)
					: db.sql("UPDATE bench_seat_hold SET holder = :user, held_until = :until WHERE event_id = :event AND seat_id = ANY(:seats)")
						.bind("user", user).bind("until", now.plus(ttl)).bind("event", eventId).bind("seats", seats)
						.then()
						.thenReturn(true));
		return transaction.transactional(attempt).onErrorResume(DataAccessException.class, locked -> Mono.just(false));
	}

	Mono<Void> release(String user, long eventId, List<Long> seatIds) {
		return db.sql("UPDATE bench_seat_hold SET holder = NULL, held_until = NULL WHERE event_id = :event AND seat_id = ANY(:seats) AND holder = :user")
			.bind("event", eventId).bind("seats", seatIds.toArray(Long[]::new)).bind("user", user)
			.then();
	}
}
