package io.boxoffice.catalog.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import reactor.core.publisher.Mono;

import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The serialized, availability-independent part of each event view: one Redis string per event under
 * {@code eventview:{id}}, a short text header ({@code version createdMicros capacity onSaleMillis}) and then the
 * JSON bytes, so a hit is one GET and no deserialization. The reader compares the header's version (and the row's
 * creation time, which tells apart a re-created row that reuses an id) with the event row, so an entry left behind
 * by a lost invalidation or a racing reader is a miss, never a stale view. Admin changes delete the entry after
 * their commit to free it early; the TTL drops entries of events nobody views.
 */
public class EventViewCache {

	/** A cached view: {@code json} is one JSON object holding everything but {@code onSale} and {@code availability}. */
	public record Entry(long version, long createdMicros, long capacity, long onSaleAtMillis, byte[] json) {
	}

	private final ReactiveRedisTemplate<String, byte[]> redis;
	private final Duration ttl;

	public EventViewCache(ReactiveRedisConnectionFactory connections, Duration ttl) {
		var context = RedisSerializationContext.<String, byte[]>newSerializationContext(RedisSerializer.byteArray())
			.key(RedisSerializer.string())
			.hashKey(RedisSerializer.string())
			.build();
		this.redis = new ReactiveRedisTemplate<>(connections, context);
		this.ttl = ttl;
	}

	/** Hash-tagged like the event's other keys, so a Redis Cluster keeps them on one shard. */
	public static String key(long eventId) {
		return "eventview:{" + eventId + "}";
	}

	/** The entry, or empty if there is none. */
	public Mono<Entry> get(long eventId) {
		return redis.opsForValue().get(key(eventId)).mapNotNull(EventViewCache::decode);
	}

	public Mono<Boolean> put(long eventId, Entry entry) {
		return redis.opsForValue().set(key(eventId), encode(entry), ttl);
	}

	/** Call after the change has committed. */
	public Mono<Boolean> invalidate(long eventId) {
		return redis.delete(key(eventId)).map(deleted -> deleted > 0);
	}

	static byte[] encode(Entry entry) {
		byte[] header = (entry.version() + " " + entry.createdMicros() + " " + entry.capacity() + " " + entry.onSaleAtMillis() + "\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] value = Arrays.copyOf(header, header.length + entry.json().length);
		System.arraycopy(entry.json(), 0, value, header.length, entry.json().length);
		return value;
	}

	/** Null for anything this version of the code did not write. */
	static Entry decode(byte[] value) {
		int newline = -1;
		for (int i = 0; i < value.length && i < 100; i++) {
			if (value[i] == '\n') {
				newline = i;
				break;
			}
		}
		String[] header = newline < 0 ? new String[0] : new String(value, 0, newline, StandardCharsets.US_ASCII).split(" ");
		if (header.length != 4) {
			return null;
		}
		try {
			return new Entry(Long.parseLong(header[0]), Long.parseLong(header[1]), Long.parseLong(header[2]),
					Long.parseLong(header[3]), Arrays.copyOfRange(value, newline + 1, value.length));
		}
		catch (NumberFormatException foreign) {
			return null;
		}
	}
}
