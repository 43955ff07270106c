package io.boxoffice.holds;

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

import io.boxoffice.platform.KeyspaceEvents;

/**
 * The Redis side of following seat changes: reading an event's change stream ({@code changes:{evt}}, written by
 * the scripts), and the keyspace notifications that say it grew ({@code xadd}) or that a hold key ran out
 * ({@code expired}). Answers are handed to a parallel thread, off Lettuce's I/O thread (see {@link HoldScripts}).
 */
@Component
class ChangeStream {

	private static final Logger log = LoggerFactory.getLogger(ChangeStream.class);

	/** Every event's per-seat hold keys ({@code hold:{evt}:<seat>}); the other hold keys have other prefixes. */
	static final String EVERY_HOLD_KEY = "hold:{*}:*";

	private final ReactiveStringRedisTemplate redis;
	private final KeyspaceEvents notifications;

	ChangeStream(ReactiveStringRedisTemplate redis, KeyspaceEvents notifications) {
		this.redis = redis;
		this.notifications = notifications;
	}

	/** Up to {@code count} changes after the stream position {@code afterId}, oldest first. */
	Flux<SeatChange> readAfter(long eventId, String afterId, int count) {
		StreamOffset<String> offset = StreamOffset.create(HoldKeys.changes(eventId), ReadOffset.from(afterId));
		return redis.opsForStream().read(StreamReadOptions.empty().count(count), offset)
			.map(record -> change(eventId, record))
			.publishOn(Schedulers.parallel());
	}

	/** The {@code count} changes up to and including the stream position {@code lastId}, oldest first. */
	Mono<List<SeatChange>> readUpTo(long eventId, String lastId, int count) {
		return redis.opsForStream().reverseRange(HoldKeys.changes(eventId), Range.closed("0-0", lastId), Limit.limit().count(count))
			.map(record -> change(eventId, record))
			.collectList()
			.map(changes -> {
				var oldestFirst = new ArrayList<>(changes);
				Collections.reverse(oldestFirst);
				return (List<SeatChange>) oldestFirst;
			})
			.publishOn(Schedulers.parallel());
	}

	/** A signal each time a change is appended to the event's stream (when notifications are on). */
	Flux<String> appended(long eventId) {
		return keyspace(HoldKeys.changes(eventId), "xadd").map(KeyspaceEvents.Notification::event);
	}

	/** The event id of each hold key that expires in Redis, any event's. */
	Flux<Long> holdKeysExpired() {
		return keyspace(EVERY_HOLD_KEY, "expired").filter(expired -> !expired.key().equals(EVERY_HOLD_KEY))
			.map(expired -> HoldKeys.eventOfHold(expired.key()));
	}

	/**
	 * Keyspace notifications of one kind for the keys matching a glob, starting with one signal (key: the glob) once
	 * subscribed, so the caller catches up on anything it was not notified of. Never fails: a lost subscription is
	 * made again after a pause (readers poll meanwhile). Subscribed on a thread that may block, since the first
	 * subscription opens the pub/sub connection, which takes a lock in Lettuce.
	 */
	private Flux<KeyspaceEvents.Notification> keyspace(String keyGlob, String event) {
		return notifications.receiveLater(keyGlob)
			.subscribeOn(Schedulers.boundedElastic())
			// One signal as soon as Redis confirmed the subscription: what happened before it was not notified.
			.flatMapMany(messages -> Flux.just(new KeyspaceEvents.Notification(keyGlob, event)).concatWith(messages))
			.filter(notification -> event.equals(notification.event()))
			.retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(30))
				.doBeforeRetry(retry -> log.warn("Keyspace notifications for {} failed; subscribing again: {}", keyGlob,
						retry.failure().toString())));
	}

	private static SeatChange change(long eventId, MapRecord<String, Object, Object> record) {
		return SeatChange.fromEntry(eventId, record.getId().getValue(), record.getValue());
	}
}
