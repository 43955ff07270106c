package io.boxoffice.holds;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.Range;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.platform.EventLoopRedis;

/**
 * Which holds a user has, across events, for {@code GET /api/holds}. The hold scripts keep every key of one event
 * on one Cluster slot, so a key per user (on its own slot) cannot be written from inside them: it is written right
 * after the script granted the hold, as one pipelined round trip ({@code ZADD} and {@code PEXPIRE}). A sorted set
 * {@code holdsof:<user>} of hold ids scored by their expiry (ms); the set itself expires with its latest hold. It is
 * only an index: a read checks each hold's record (owner, liveness) and drops what has ended, so a hold released,
 * sold or swept, or an index write lost, never shows a hold that is not there (a lost write hides a live hold
 * from the list, which its {@code Location} still finds).
 */
@Component
class UserHoldIndex {

	private final EventLoopRedis redis;

	UserHoldIndex(EventLoopRedis redis) {
		this.redis = redis;
	}

	/** A key of its own per user: nothing else is stored with it, and nothing in one script spans two users. */
	static String key(String userId) {
		return "holdsof:" + userId;
	}

	/** Notes a granted hold; {@code lifetime} keeps the set at least as long as the hold's record. */
	Mono<Void> add(String userId, String holdId, long expiresAtMillis, Duration lifetime) {
		String key = key(userId);
		// Both commands leave at once on the connection (Lettuce pipelines): one round trip. Every hold lives the same
		// ttl, so the newest hold's lifetime is the longest and setting it never cuts an older hold's entry short.
		return redis.<Boolean>call(commands -> {
			commands.zadd(key, (double) expiresAtMillis, holdId);
			return commands.pexpire(key, lifetime.toMillis());
		}).then();
	}

	/** The ids of the user's holds that have not expired by {@code nowMillis}; expired entries are removed on the way. */
	Flux<String> live(String userId, long nowMillis) {
		String key = key(userId);
		return redis.<List<String>>call(commands -> {
			commands.zremrangebyscore(key, Range.create(Double.NEGATIVE_INFINITY, (double) nowMillis));
			return commands.zrangebyscore(key, Range.create((double) nowMillis + 1, Double.POSITIVE_INFINITY));
		}).flatMapIterable(ids -> ids);
	}

	/** Forgets a hold the user released (not needed for correctness: reads check the record). */
	Mono<Void> remove(String userId, String holdId) {
		return redis.<Long>call(commands -> commands.zrem(key(userId), holdId)).then();
	}
}
