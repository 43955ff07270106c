package io.boxoffice.holds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Redis key names. Every key of one event carries the hash tag {@code {eventId}}, so a Redis Cluster
 * keeps an event on one slot and one script can touch all of them. The keys that are not per event
 * (the shards of the expiry index, idempotency keys) are never touched by a script (docs/redis.md).
 */
final class HoldKeys {

	/**
	 * Shards of the expiry index. One key would put every event's expiry bookkeeping on one Cluster master;
	 * sixteen tags spread it over the masters while a sweep still reads only sixteen keys.
	 */
	static final int EXPIRY_SHARDS = 16;

	private HoldKeys() {
	}

	/** ZSET of one shard: member event id, score a lower bound (ms) of the earliest hold expiry in that event. */
	static String eventsWithHolds(long eventId) {
		return expiryShard(Math.floorMod(eventId, EXPIRY_SHARDS));
	}

	static String expiryShard(int shard) {
		return "holdevents:{shard" + shard + "}";
	}

	static String hold(long eventId, long seatId) {
		return "hold:{" + eventId + "}:" + seatId;
	}

	static String record(long eventId, String holdId) {
		return "holdrec:{" + eventId + "}:" + holdId;
	}

	static String userHolds(long eventId, String userId) {
		return "userholds:{" + eventId + "}:" + userId;
	}

	static String sold(long eventId) {
		return "sold:{" + eventId + "}";
	}

	/** The same key catalog's availability reads. */
	static String version(long eventId) {
		return "ver:{" + eventId + "}";
	}

	static String changes(long eventId) {
		return "changes:{" + eventId + "}";
	}

	static String expiries(long eventId) {
		return "holdexp:{" + eventId + "}";
	}

	/** Hashed, so neither a user id nor a client's key can shape the key name or collide with another pair. */
	static String idempotency(String userId, String key) {
		try {
			var digest = MessageDigest.getInstance("SHA-256");
			digest.update(userId.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(key.getBytes(StandardCharsets.UTF_8));
			return "holdidem:" + HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
