package io.boxoffice.holds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.platform.EventLoopRedis;
import io.lettuce.core.SetArgs;

/**
 * {@code Idempotency-Key} for holds, kept in Redis ({@code holdidem:<sha256(user, key)>}) for as long as the
 * hold can live, not in Postgres' {@code idempotency_key} table: that table serves bookings, and holds are
 * the one write path that must stay off Postgres during an on-sale. A key is first claimed (SET NX, value
 * {@code <requestHash>|}), and completed with the hold id ({@code <requestHash>|<holdId>}) once the hold is
 * granted, or released again if it was refused, so that a retry runs anew.
 */
@Component
class HoldIdempotency {

	private final EventLoopRedis redis;

	HoldIdempotency(EventLoopRedis redis) {
		this.redis = redis;
	}

	sealed interface Claim {
	}

	/** The key is ours: go ahead, then {@link #complete} or {@link #abandon}. */
	record Claimed() implements Claim {
	}

	/** The key was used before; {@code holdId} is null while that request is still running. */
	record Used(String requestHash, String holdId) implements Claim {
	}

	/** Claims the key. This and the other calls answer on the request's event loop, as the hold scripts do. */
	Mono<Claim> claim(String userId, String key, String requestHash, Duration ttl) {
		return claim(HoldKeys.idempotency(userId, key), requestHash, ttl, true);
	}

	private Mono<Claim> claim(String redisKey, String requestHash, Duration ttl, boolean mayRetry) {
		return redis.call(commands -> commands.set(redisKey, requestHash + "|", SetArgs.Builder.nx().px(ttl))).hasElement()
			.flatMap(claimed -> {
			if (claimed) {
				return Mono.just(new Claimed());
			}
			Mono<Claim> vanished = mayRetry ? claim(redisKey, requestHash, ttl, false) // it expired in between
					: Mono.just(new Used(requestHash, null));
			return redis.call(commands -> commands.get(redisKey)).<Claim>map(HoldIdempotency::parse).switchIfEmpty(Mono.defer(() -> vanished));
		});
	}

	Mono<Void> complete(String userId, String key, String requestHash, String holdId, Duration ttl) {
		return redis.call(commands -> commands.set(HoldKeys.idempotency(userId, key), requestHash + "|" + holdId,
				SetArgs.Builder.px(ttl))).then();
	}

	Mono<Void> abandon(String userId, String key) {
		return redis.call(commands -> commands.del(HoldKeys.idempotency(userId, key))).then();
	}

	/**
	 * Runs a keyed hold from its claim to its recorded answer even if the caller goes away meanwhile (a client
	 * that hangs up cancels its request): cancelled half way, the claim would stay "in flight" for the hold's
	 * lifetime and every retry with the key would be refused. A cancel only stops the waiting, as
	 * {@code TransactionsRunToTheEnd} does for transactions. The caller's context goes along (it names the
	 * request's event loop).
	 */
	static <T> Mono<T> runToTheEnd(Mono<T> keyedHold) {
		return Mono.deferContextual(context -> Mono.fromFuture(keyedHold.contextWrite(context).toFuture(), true));
	}

	/** What makes two requests "the same": the event and the set of seats (their order does not matter). */
	static String requestHash(long eventId, List<Long> seatIds) {
		String canonical = eventId + ":" + seatIds.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	/** A visible-ASCII token of reasonable length, as the IETF Idempotency-Key draft suggests. */
	static boolean isValidKey(String key) {
		return key != null && !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c > 0x20 && c < 0x7f);
	}

	private static Claim parse(String value) {
		int bar = value.indexOf('|');
		String holdId = value.substring(bar + 1);
		return new Used(value.substring(0, bar), holdId.isEmpty() ? null : holdId);
	}
}
