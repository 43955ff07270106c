package io.boxoffice.holds;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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
 */
@Component
class ExpiryIndex {

	private static final ByteBuffer KEY = ByteBuffer.wrap(HoldKeys.EVENTS_WITH_HOLDS.getBytes(StandardCharsets.UTF_8));

	private final ReactiveStringRedisTemplate redis;

	ExpiryIndex(ReactiveStringRedisTemplate redis) {
		this.redis = redis;
	}

	/** Makes sure the event is visited no later than {@code atMillis} (ZADD LT: never postpones a visit). */
	Mono<Void> schedule(long eventId, long atMillis) {
		byte[] member = Long.toString(eventId).getBytes(StandardCharsets.UTF_8);
		ZAddCommand add = ZAddCommand.tuple(Tuple.of(member, (double) atMillis)).lt().to(KEY.duplicate());
		return redis.execute(connection -> connection.zSetCommands().zAdd(Mono.just(add))).then();
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
}
