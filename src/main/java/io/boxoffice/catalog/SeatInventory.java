package io.boxoffice.catalog;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Seat counts of an event for its view: sold seats are the {@code ticket} rows in Postgres (the truth); held seats
 * come from Redis through {@link HeldSeatCounts} (the holds module). The per-seat live state is
 * {@code GET .../availability} and the WebSocket (seatmap module).
 */
@Component
class SeatInventory {

	private static final Logger log = LoggerFactory.getLogger(SeatInventory.class);
	private static final long WARN_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

	private final DatabaseClient db;
	private final HeldSeatCounts heldSeats;
	private final Duration timeout;
	private volatile long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

	SeatInventory(DatabaseClient db, ObjectProvider<HeldSeatCounts> heldSeats, CatalogSettings settings) {
		this.db = db;
		// Without a holds module nothing can be held.
		this.heldSeats = heldSeats.getIfAvailable(() -> eventId -> Mono.just(0L));
		this.timeout = settings.viewCacheTimeout();
	}

	/**
	 * Sold seats of an event right now, with the event's catalog version and row creation time read in the same
	 * statement (what a cached view is checked against).
	 */
	record LiveCounts(long version, long createdMicros, long sold) {
	}

	/** {@code held} is empty when Redis could not say: the view then shows it as unknown (null), never as 0. */
	static EventDetails.AvailabilityCounts counts(long capacity, long sold, Optional<Long> held) {
		long available = Math.max(0, capacity - sold - held.orElse(0L));
		return new EventDetails.AvailabilityCounts(capacity, sold, held.orElse(null), available);
	}

	Mono<EventDetails.AvailabilityCounts> counts(long eventId) {
		return Mono.zip(capacity(eventId), live(eventId), held(eventId))
			.map(t -> counts(t.getT1(), t.getT2().sold(), t.getT3()));
	}

	/**
	 * Seats on sale for the event: those of the venue's sections the event prices (an unpriced section is not sold, so
	 * counting it would show seats "available" on a sold-out event). Changes only with the layout or the price tiers,
	 * both of which bump the event's version, so the event view caches it.
	 */
	Mono<Long> capacity(long eventId) {
		return db.sql("SELECT count(*) FROM seat s JOIN price_tier p ON p.section_id = s.section_id WHERE p.event_id = :id")
			.bind("id", eventId)
			.map((row, meta) -> row.get(0, Long.class)).one();
	}

	/** One round trip, two index lookups: the Postgres part of an event view that is never cached. Empty if there is no such event. */
	Mono<LiveCounts> live(long eventId) {
		return db.sql("""
				SELECT e.version, (extract(epoch FROM e.created_at) * 1000000)::bigint AS created,
				       (SELECT count(*) FROM ticket t WHERE t.event_id = e.id) AS sold
				FROM event e WHERE e.id = :id
				""")
			.bind("id", eventId)
			.map((row, meta) -> new LiveCounts(row.get("version", Long.class), row.get("created", Long.class),
					row.get("sold", Long.class)))
			.one();
	}

	/**
	 * Held seats from Redis, or empty when Redis fails or is slower than the view's cache timeout (an outage costs
	 * the view that much, and it still answers).
	 */
	Mono<Optional<Long>> held(long eventId) {
		return Mono.defer(() -> heldSeats.heldSeats(eventId))
			.timeout(timeout)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorResume(failure -> {
				long now = System.nanoTime();
				if (now - lastWarning >= WARN_EVERY_NANOS) { // one line per ten seconds: in an outage every view fails alike
					lastWarning = now;
					log.warn("Held seats of event {} unknown (Redis): {}", eventId, failure.toString());
				}
				return Mono.just(Optional.empty());
			});
	}
}
