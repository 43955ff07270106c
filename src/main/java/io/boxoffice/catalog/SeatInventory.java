package io.boxoffice.catalog;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Live seat state of an event. Sold seats are the {@code ticket} rows in Postgres (the truth);
 * the version counter lives in Redis ({@code ver:{eventId}}), bumped by every seat change.
 * Held seats come from the holds module through {@link HeldSeats}.
 */
@Component
class SeatInventory {

	private final DatabaseClient db;
	private final ReactiveStringRedisTemplate redis;
	private final ObjectProvider<HeldSeats> heldSeats;

	SeatInventory(DatabaseClient db, ReactiveStringRedisTemplate redis, ObjectProvider<HeldSeats> heldSeats) {
		this.db = db;
		this.redis = redis;
		this.heldSeats = heldSeats;
	}

	/**
	 * Sold and held seats of an event right now, with the event's catalog version and row creation time read in the
	 * same statement (what a cached view is checked against).
	 */
	record LiveCounts(long version, long createdMicros, long sold, long held) {

		EventDetails.AvailabilityCounts withCapacity(long capacity) {
			return new EventDetails.AvailabilityCounts(capacity, sold, held, Math.max(0, capacity - sold - held));
		}
	}

	Mono<Availability> availability(long eventId) {
		Mono<Long> version = redis.opsForValue().get(versionKey(eventId)).map(Long::parseLong).defaultIfEmpty(0L);
		Mono<List<Long>> sold = db.sql("SELECT seat_id FROM ticket WHERE event_id = :id ORDER BY seat_id")
			.bind("id", eventId)
			.map((row, meta) -> row.get("seat_id", Long.class))
			.all()
			.collectList();
		HeldSeats holds = heldSeats.getIfAvailable();
		Mono<List<Long>> held = holds == null ? Mono.just(List.of()) : holds.heldSeatIds(eventId);
		return Mono.zip(version, held, sold).map(t -> {
			var soldIds = new java.util.HashSet<>(t.getT3());
			// a seat sold a moment ago may still be in its hold record until the Redis sync runs: sold wins
			return new Availability(t.getT1(), t.getT2().stream().filter(id -> !soldIds.contains(id)).toList(), t.getT3());
		});
	}

	Mono<EventDetails.AvailabilityCounts> counts(long eventId, long venueId) {
		return Mono.zip(capacity(venueId), live(eventId)).map(t -> t.getT2().withCapacity(t.getT1()));
	}

	/** Seats of the venue's layout; changes only with the layout, so the event view caches it. */
	Mono<Long> capacity(long venueId) {
		return db.sql("SELECT count(*) FROM seat WHERE venue_id = :id").bind("id", venueId)
			.map((row, meta) -> row.get(0, Long.class)).one();
	}

	/** One round trip, two index lookups: the part of an event view that is never cached. Empty if there is no such event. */
	Mono<LiveCounts> live(long eventId) {
		long held = 0; // holds arrive with the holds module (Redis)
		return db.sql("""
				SELECT e.version, (extract(epoch FROM e.created_at) * 1000000)::bigint AS created,
				       (SELECT count(*) FROM ticket t WHERE t.event_id = e.id) AS sold
				FROM event e WHERE e.id = :id
				""")
			.bind("id", eventId)
			.map((row, meta) -> new LiveCounts(row.get("version", Long.class), row.get("created", Long.class),
					row.get("sold", Long.class), held))
			.one();
	}

	/** Hash-tagged by event so that a Redis Cluster keeps all of one event's keys on one shard. */
	static String versionKey(long eventId) {
		return "ver:{" + eventId + "}";
	}
}
