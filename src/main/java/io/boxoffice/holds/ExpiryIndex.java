package io.boxoffice.holds;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.ReactiveZSetCommands.ZAddCommand;
import org.springframework.data.redis.connection.zset.Tuple;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The index of events with holds, scored with a lower bound of each event's next hold expiry, so the sweeper
 * finds due events without scanning. It is sharded by event id ({@link HoldKeys#eventsWithHolds}), each shard
 * with a hash tag of its own, so a Redis Cluster spreads it over its masters; it is not per event, so no script
 * touches it (a Cluster would put it on another slot than the event's keys).
 * <p>
 * Why it cannot lose an event: a granted hold schedules its event <em>after</em> its script ran; the sweeper
 * takes an event <em>out</em> before it expires the event's due holds and puts it back with the next expiry
 * the script reports. A hold that the script did not see schedules its event after the removal.
 * <p>
 * Granted holds schedule {@linkplain #scheduleSoon later}: one command per {@link #COALESCE} carries every event
 * scheduled meanwhile, instead of one command per hold, a second Redis round trip on the hot path of an on-sale
 * surge. Later is still after the script ran, so the argument above holds. What a crash loses in between is what
 * a failed command lost before: the holds' keys still expire in Redis, and only the live stream hears of it late.
 */
@Component
class ExpiryIndex {

	/** How long a granted hold's schedule may wait for company; far below any hold's lifetime. */
	static final Duration COALESCE = Duration.ofMillis(50);

	private static final Logger log = LoggerFactory.getLogger(ExpiryIndex.class);

	private final ReactiveStringRedisTemplate redis;
	/** Event id → the earliest expiry scheduled since the last flush. */
	private final Map<Long, Long> pending = new ConcurrentHashMap<>();
	private final AtomicBoolean flushPlanned = new AtomicBoolean();
	private final AtomicInteger nextShard = new AtomicInteger();

	ExpiryIndex(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Makes sure the event is visited no later than {@code atMillis} (ZADD LT: never postpones a visit). */
	Mono<Void> schedule(long eventId, long atMillis) {
		return add(HoldKeys.eventsWithHolds(eventId), List.of(Tuple.of(member(eventId), (double) atMillis)));
	}

	/**
	 * {@link #schedule} within {@link #COALESCE}, together with the other events scheduled meanwhile. A failed
	 * command keeps its events for the next flush, which the sweeper's next tick runs at the latest.
	 */
	void scheduleSoon(long eventId, long atMillis) {
		pending.merge(eventId, atMillis, Math::min);
		if (flushPlanned.compareAndSet(false, true)) {
			Mono.delay(COALESCE).then(flushPending()).subscribe();
		}
	}

	/** Sends the pending schedules now, in one command; never fails (see {@link #scheduleSoon}). */
	Mono<Void> flushPending() {
		return Mono.defer(() -> {
			// Cleared before draining: a schedule arriving from here on plans its own flush, so none is left behind.
			flushPlanned.set(false);
			Map<Long, Long> taken = new HashMap<>();
			for (Long eventId : pending.keySet()) {
				Long atMillis = pending.remove(eventId);
				if (atMillis != null) {
					taken.put(eventId, atMillis);
				}
			}
			if (taken.isEmpty()) {
				return Mono.empty();
			}
			Map<String, List<Tuple>> byShard = new HashMap<>();
			taken.forEach((eventId, atMillis) -> byShard.computeIfAbsent(HoldKeys.eventsWithHolds(eventId), shard -> new ArrayList<>())
				.add(Tuple.of(member(eventId), (double) atMillis)));
			// One command per shard with pending events (each shard is one key, so one slot of a Cluster).
			return Flux.fromIterable(byShard.entrySet()).flatMap(shard -> add(shard.getKey(), shard.getValue())).then()
				.onErrorResume(failure -> {
					log.warn("Could not index the expiries of {} events; trying again at the next sweep: {}", taken.size(),
							failure.toString());
					// ZADD LT: re-adding the shards that did succeed changes nothing there.
					taken.forEach((eventId, atMillis) -> pending.merge(eventId, atMillis, Math::min));
					return Mono.empty();
				});
		});
	}

	/**
	 * Up to {@code limit} due events, shard by shard, starting at a shard that moves on with every call, so a
	 * busy shard cannot keep the others waiting past one tick.
	 */
	Flux<Long> due(long nowMillis, int limit) {
		int first = Math.floorMod(nextShard.getAndIncrement(), HoldKeys.EXPIRY_SHARDS);
		return Flux.range(0, HoldKeys.EXPIRY_SHARDS)
			.map(offset -> HoldKeys.expiryShard((first + offset) % HoldKeys.EXPIRY_SHARDS))
			.concatMap(shard -> redis.opsForZSet()
				.rangeByScore(shard, Range.closed(Double.NEGATIVE_INFINITY, (double) nowMillis), Limit.limit().count(limit)))
			.take(limit)
			.map(Long::parseLong);
	}

	/** Takes the event out; true if this call did (so of all instances sweeping, one goes on with it). */
	Mono<Boolean> remove(long eventId) {
		return redis.opsForZSet().remove(HoldKeys.eventsWithHolds(eventId), Long.toString(eventId)).map(removed -> removed > 0);
	}

	private Mono<Void> add(String shard, List<Tuple> tuples) {
		ZAddCommand add = ZAddCommand.tuples(tuples).lt().to(ByteBuffer.wrap(shard.getBytes(StandardCharsets.UTF_8)));
		return redis.execute(connection -> connection.zSetCommands().zAdd(Mono.just(add))).then();
	}

	private static byte[] member(long eventId) {
		return Long.toString(eventId).getBytes(StandardCharsets.UTF_8);
	}
}
