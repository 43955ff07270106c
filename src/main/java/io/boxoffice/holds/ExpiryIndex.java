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
 * The global index of events with holds ({@link HoldKeys#EVENTS_WITH_HOLDS}), scored with a lower bound of
 * each event's next hold expiry, so the sweeper finds due events without scanning. It is not per event, so
 * no script touches it (a Redis Cluster would put it on another slot).
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
	private static final ByteBuffer KEY = ByteBuffer.wrap(HoldKeys.EVENTS_WITH_HOLDS.getBytes(StandardCharsets.UTF_8));

	private final ReactiveStringRedisTemplate redis;
	/** Event id → the earliest expiry scheduled since the last flush. */
	private final Map<Long, Long> pending = new ConcurrentHashMap<>();
	private final AtomicBoolean flushPlanned = new AtomicBoolean();

	ExpiryIndex(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Makes sure the event is visited no later than {@code atMillis} (ZADD LT: never postpones a visit). */
	Mono<Void> schedule(long eventId, long atMillis) {
		return add(List.of(Tuple.of(member(eventId), (double) atMillis)));
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
			List<Tuple> tuples = new ArrayList<>(taken.size());
			taken.forEach((eventId, atMillis) -> tuples.add(Tuple.of(member(eventId), (double) atMillis)));
			return add(tuples).onErrorResume(failure -> {
				log.warn("Could not index the expiries of {} events; trying again at the next sweep: {}", taken.size(),
						failure.toString());
				taken.forEach((eventId, atMillis) -> pending.merge(eventId, atMillis, Math::min));
				return Mono.empty();
			});
		});
	}

	Flux<Long> due(long nowMillis, int limit) {
		return redis.opsForZSet()
			.rangeByScore(HoldKeys.EVENTS_WITH_HOLDS, Range.closed(Double.NEGATIVE_INFINITY, (double) nowMillis),
					Limit.limit().count(limit))
			.map(Long::parseLong);
	}

	Mono<Void> remove(long eventId) {
		return redis.opsForZSet().remove(HoldKeys.EVENTS_WITH_HOLDS, Long.toString(eventId)).then();
	}

	private Mono<Void> add(List<Tuple> tuples) {
		ZAddCommand add = ZAddCommand.tuples(tuples).lt().to(KEY.duplicate());
		return redis.execute(connection -> connection.zSetCommands().zAdd(Mono.just(add))).then();
	}

	private static byte[] member(long eventId) {
		return Long.toString(eventId).getBytes(StandardCharsets.UTF_8);
	}
}
