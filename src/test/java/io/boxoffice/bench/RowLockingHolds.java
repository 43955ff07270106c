package io.boxoffice.bench;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * BENCHMARK ONLY (profile {@code bench}, test classpath): the row-locking way the open-source peers hold
 * seats, as the baseline for {@code loadtest/bench-holds.sh}. One row per seat with a status/expiry; a hold
 * locks the chosen rows with {@code SELECT … FOR UPDATE NOWAIT}, checks none is held, and updates them, all
 * in one transaction. Same HTTP edge (security, rate limits, JSON) as {@code POST /api/holds}.
 */
@RestController
@Profile("bench")
@DependsOn("flywayInitializer") // its table must not be the first in a fresh database, or Flyway refuses to migrate
class RowLockingHolds {

	private static final Duration TTL = Duration.ofMinutes(10);

	private final DatabaseClient db;
	private final TransactionalOperator transaction;
	private final Clock clock;

	RowLockingHolds(DatabaseClient db, TransactionalOperator transaction, Clock clock) {
		this.db = db;
		this.transaction = transaction;
		this.clock = clock;
		db.sql("""
				CREATE TABLE IF NOT EXISTS bench_seat_hold (
				    event_id bigint NOT NULL, seat_id bigint NOT NULL, holder text, held_until timestamptz,
				    PRIMARY KEY (event_id, seat_id))
				""").then().block();
	}

	record HoldRequest(long eventId, List<Long> seatIds) {
	}

	/** Creates the seat rows of an event (what the peers do up front for every event). */
	@PostMapping("/bench/pg-holds/events/{eventId}")
	Mono<Map<String, Long>> prepare(@PathVariable long eventId) {
		return db.sql("""
				INSERT INTO bench_seat_hold (event_id, seat_id)
				SELECT e.id, s.id FROM event e JOIN seat s ON s.venue_id = e.venue_id WHERE e.id = :event
				ON CONFLICT DO NOTHING
				""").bind("event", eventId).fetch().rowsUpdated().map(rows -> Map.of("seats", rows));
	}

	@PostMapping("/bench/pg-holds")
	Mono<ResponseEntity<Map<String, Object>>> hold(Principal user, @RequestBody HoldRequest request) {
		Instant now = clock.instant();
		Long[] seats = request.seatIds().toArray(Long[]::new);
		Mono<ResponseEntity<Map<String, Object>>> attempt = db.sql("""
				SELECT count(*) FILTER (WHERE held_until > :now) AS taken, count(*) AS found
				FROM (SELECT held_until FROM bench_seat_hold WHERE event_id = :event AND seat_id = ANY(:seats) FOR UPDATE NOWAIT) locked
				""")
			.bind("now", now).bind("event", request.eventId()).bind("seats", seats)
			.map((row, meta) -> row.get("taken", Long.class) == 0 && row.get("found", Long.class) == seats.length)
			.one()
			.flatMap(free -> !free ? Mono.just(conflict())
					: db.sql("UPDATE bench_seat_hold SET holder = :user, held_until = :until WHERE event_id = :event AND seat_id = ANY(:seats)")
						.bind("user", user.getName()).bind("until", now.plus(TTL)).bind("event", request.eventId()).bind("seats", seats)
						.then()
						.thenReturn(ResponseEntity.status(HttpStatus.CREATED).body(Map.<String, Object>of("eventId", request.eventId(), "seats", request.seatIds()))));
		// NOWAIT: a seat locked by a concurrent hold is a conflict at once, as with the peers.
		return transaction.transactional(attempt).onErrorResume(DataAccessException.class, locked -> Mono.just(conflict()));
	}

	@DeleteMapping("/bench/pg-holds/{eventId}/{seatIds}")
	Mono<ResponseEntity<Void>> release(Principal user, @PathVariable long eventId, @PathVariable List<Long> seatIds) {
		return db.sql("UPDATE bench_seat_hold SET holder = NULL, held_until = NULL WHERE event_id = :event AND seat_id = ANY(:seats) AND holder = :user")
			.bind("event", eventId).bind("seats", seatIds.toArray(Long[]::new)).bind("user", user.getName())
			.then()
			.thenReturn(ResponseEntity.noContent().<Void>build());
	}

	private static ResponseEntity<Map<String, Object>> conflict() {
		return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("type", "/problems/seats-unavailable"));
	}
}
