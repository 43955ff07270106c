package io.boxoffice.seatmap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import io.boxoffice.holds.SeatStates;
import io.boxoffice.platform.KeyspaceEvents;

/**
 * The Redis side of the live seat map: reading an event's change stream, and the keyspace notifications that
 * say it grew ({@code xadd}) or that one of its hold keys ran out ({@code expired}). Answers are handed to a
 * parallel thread, off Lettuce's I/O thread (see the holds module's scripts for why).
 */
@Component
class ChangeStream {

	private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);

	/** A stream entry read: its id, and the changes it carries. */
	record Entry(String id, SeatChanges changes) {
	}

	private final ReactiveStringRedisTemplate redis;
	private final KeyspaceEvents notifications;
	private final SeatStates seatStates;

	ChangeStream(ReactiveStringRedisTemplate redis, KeyspaceEvents notifications, SeatStates seatStates) {
		this.redis = redis;
		this.notifications = notifications;
		this.seatStates = seatStates;
	}

	/** Up to {@code count} entries after {@code afterId}, oldest first. */
	Flux<Entry> readAfter(long eventId, String afterId, int count) {
		StreamOffset<String> offset = StreamOffset.create(seatStates.changesKey(eventId), ReadOffset.from(afterId));
		return redis.opsForStream().read(StreamReadOptions.empty().count(count), offset)
			.map(ChangeStream::entry)
			.publishOn(Schedulers.parallel());
	}

	/** The {@code count} entries up to and including {@code lastId}, oldest first. */
	Mono<List<Entry>> readUpTo(long eventId, String lastId, int count) {
		return redis.opsForStream().reverseRange(seatStates.changesKey(eventId), Range.closed("0-0", lastId), Limit.limit().count(count))
			.map(ChangeStream::entry)
			.collectList()
			.map(entries -> {
				var oldestFirst = new ArrayList<>(entries);
				Collections.reverse(oldestFirst);
				return (List<Entry>) oldestFirst;
			})
			.publishOn(Schedulers.parallel());
	}

	/** A signal each time an entry is appended to the event's stream (when notifications are on). */
	Flux<String> appended(long eventId) {
		return keyspace(seatStates.changesKey(eventId), "xadd");
	}

	/** A signal each time one of the event's per-seat hold keys expires in Redis. */
	Flux<String> holdKeysExpired(long eventId) {
		return keyspace(seatStates.holdKeyPattern(eventId), "expired");
	}

	/**
	 * Keyspace notifications of one kind for the keys matching a glob, starting with one signal once subscribed
	 * (so the caller catches up on anything it was not notified of). Never fails: a lost subscription is made
	 * again after a pause (the readers poll meanwhile). Subscribed on a thread that may block, since the first
	 * subscription opens the container's pub/sub connection, which takes a lock in Lettuce.
	 */
	private Flux<String> keyspace(String keyGlob, String event) {
		return notifications.receiveLater(keyGlob)
			.subscribeOn(Schedulers.boundedElastic())
			// One signal as soon as Redis confirmed the subscription: what happened before it was not notified.
			.flatMapMany(messages -> Flux.just(event).concatWith(messages.map(KeyspaceEvents.Notification::event)))
			.filter(event::equals)
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry(retry -> log.warn("Keyspace notifications for {} failed; subscribing again: {}", keyGlob,
						retry.failure().toString())));
	}

	private static Entry entry(MapRecord<String, Object, Object> record) {
		return new Entry(record.getId().getValue(), SeatChanges.fromEntry(record.getValue()));
	}
}
