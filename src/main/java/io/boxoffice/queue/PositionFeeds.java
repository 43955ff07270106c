package io.boxoffice.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;

import io.boxoffice.platform.EventLoopRedis;
import io.lettuce.core.KeyValue;

/**
 * One reader per event per instance while the instance has watchers of that event: every
 * {@code position-poll-interval} it reads the event's "now serving" counter (one command, however many watchers)
 * and tells each local watcher its new position. So Redis work grows with events and instances, not with
 * waiters × polls. A pre-queued watcher learns its drawn number once, when the line opens.
 */
@Component
class PositionFeeds {

	private static final Logger log = LoggerFactory.getLogger(PositionFeeds.class);

	private final EventLoopRedis redis;
	private final QueueConfigs configs;
	private final CheckoutSignal checkout;
	private final Duration interval;
	private final Clock clock;
	private final Map<Long, Feed> feeds = new ConcurrentHashMap<>();

	PositionFeeds(EventLoopRedis redis, QueueConfigs configs, CheckoutSignal checkout, QueueSettings settings, Clock clock) {
		this.redis = redis;
		this.configs = configs;
		this.checkout = checkout;
		this.interval = settings.positionPollInterval();
		this.clock = clock;
	}

	void watch(long eventId, PositionWatcher watcher) {
		feeds.compute(eventId, (id, feed) -> {
			Feed current = feed == null ? new Feed(id) : feed;
			current.watchers.add(watcher);
			return current;
		});
	}

	void unwatch(long eventId, PositionWatcher watcher) {
		feeds.computeIfPresent(eventId, (id, feed) -> {
			feed.watchers.remove(watcher);
			if (feed.watchers.isEmpty()) {
				feed.reader.dispose();
				return null;
			}
			return feed;
		});
	}

	/** Watchers of an event on this instance (for tests and metrics). */
	int watchers(long eventId) {
		Feed feed = feeds.get(eventId);
		return feed == null ? 0 : feed.watchers.size();
	}

	private final class Feed {

		final long eventId;
		final QueueKeys keys;
		final Set<PositionWatcher> watchers = ConcurrentHashMap.newKeySet();
		final Disposable reader;

		Feed(long eventId) {
			this.eventId = eventId;
			this.keys = new QueueKeys(eventId);
			this.reader = Flux.interval(Duration.ZERO, interval, Schedulers.parallel())
				.onBackpressureDrop()
				.concatMap(beat -> read().onErrorResume(failure -> {
					log.debug("Position read of event {} failed: {}", eventId, failure.toString());
					return Mono.empty();
				}), 1)
				.subscribe();
		}

		private Mono<Void> read() {
			return redis.<List<KeyValue<String, String>>>call(commands -> commands.mget(keys.served(), keys.opened()))
				.zipWith(configs.current(eventId))
				.flatMap(read -> {
					Instant readAt = clock.instant();
					long served = Long.parseLong(read.getT1().get(0).getValueOrElse("0"));
					boolean opened = read.getT1().get(1).hasValue();
					double factor = checkout.admissionFactor();
					return Flux.fromIterable(watchers)
						.flatMap(watcher -> watcher.needsNumber() && opened
								? redis.<String>call(commands -> commands.hget(keys.ticket(watcher.ticket()), "number"))
									.doOnNext(number -> watcher.numbered(Long.parseLong(number)))
									.then(Mono.fromRunnable(() -> watcher.served(served, read.getT2(), factor, readAt)))
								: Mono.fromRunnable(() -> watcher.served(served, read.getT2(), factor, readAt)), 16)
						.then();
				});
		}
	}
}
