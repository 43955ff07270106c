package io.boxoffice.catalog;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Live seat state of an event. Sold seats are the {@code ticket} rows in Postgres (the truth);
 * the version counter lives in Redis ({@code ver:{eventId}}), bumped by every seat change.
 * Holds do not exist yet, so {@code held} is empty.
 */
@Component
class SeatInventory {

	private final DatabaseClient db;
	private final ReactiveStringRedisTemplate redis;

	SeatInventory(DatabaseClient db, ReactiveStringRedisTemplate redis) {
		this.db = db;
		this.redis = redis;
	}

	Mono<Availability> availability(long eventId) {
		Mono<Long> version = redis.opsForValue().get(versionKey(eventId)).map(Long::parseLong).defaultIfEmpty(0L);
		Mono<List<Long>> sold = db.sql("SELECT seat_id FROM ticket WHERE event_id = :id ORDER BY seat_id")
			.bind("id", eventId)
			.map((row, meta) -> row.get("seat_id", Long.class))
			.all()
			.collectList();
		return Mono.zip(version, sold).map(t -> new Availability(t.getT1(), List.of(), t.getT2()));
	}

	Mono<EventDetails.AvailabilityCounts> counts(long eventId, long venueId) {
		Mono<Long> capacity = count("SELECT count(*) FROM seat WHERE venue_id = :id", venueId);
		Mono<Long> sold = count("SELECT count(*) FROM ticket WHERE event_id = :id", eventId);
		return Mono.zip(capacity, sold).map(t -> {
			long held = 0;
			return new EventDetails.AvailabilityCounts(t.getT1(), t.getT2(), held, t.getT1() - t.getT2() - held);
		});
	}

	private Mono<Long> count(String sql, long id) {
		return db.sql(sql).bind("id", id).map((row, meta) -> row.get(0, Long.class)).one();
	}

	/** Hash-tagged by event so that a Redis Cluster keeps all of one event's keys on one shard. */
	static String versionKey(long eventId) {
		return "ver:{" + eventId + "}";
	}
}
