package io.boxoffice.booking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * {@code Idempotency-Key}s of booking creation. The key's row is written in the same transaction as the
 * booking it created (so it is DONE from the start, never a dangling IN_FLIGHT), and remembers the booking id:
 * a retry replays the current state of that booking. A concurrent retry blocks on the row's unique key until
 * the first request commits, then replays it.
 */
@Repository
class IdempotencyKeys {

	private final DatabaseClient db;

	IdempotencyKeys(DatabaseClient db) {
		this.db = db;
	}

	record Stored(String requestHash, UUID bookingId) {
	}

	static String hash(String request) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	Mono<Stored> find(String userId, String key) {
		return db.sql("SELECT request_hash, response->>'bookingId' AS booking_id FROM idempotency_key WHERE user_id = :user AND key = :key")
			.bind("user", userId)
			.bind("key", key)
			.map((row, meta) -> new Stored(row.get("request_hash", String.class), UUID.fromString(row.get("booking_id", String.class))))
			.one();
	}

	/** True if this request claimed the key; false if another request already holds it (then replay that one). */
	Mono<Boolean> claim(String userId, String key, String requestHash, UUID bookingId) {
		return db.sql("""
				INSERT INTO idempotency_key (user_id, key, request_hash, state, response_status, response)
				VALUES (:user, :key, :hash, 'DONE', 201, jsonb_build_object('bookingId', CAST(:booking AS text)))
				ON CONFLICT (user_id, key) DO NOTHING
				""")
			.bind("user", userId)
			.bind("key", key)
			.bind("hash", requestHash)
			.bind("booking", bookingId.toString())
			.fetch()
			.rowsUpdated()
			.map(rows -> rows == 1);
	}
}
