package io.boxoffice.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.CatalogProblems;
import io.boxoffice.catalog.QueueModeListener;
import io.boxoffice.catalog.QueuedEvents;
import io.boxoffice.catalog.QueuedEvents.QueuedEvent;
import io.boxoffice.platform.EventLoopRedis;

/**
 * The live mode and pace of each event's waiting room. They live in Redis ({@code queue:{evt}:config}), written by
 * the admin routes, so a change reaches every instance at once; an instance keeps its copy for at most
 * {@code config-cache-ttl} (1 s). When Redis has no copy (flushed) or cannot be read, the mode stored with the event
 * in Postgres is used (so a queued event stays queued: holds fail closed) and the pace falls back to the defaults.
 * The sale window is read from the catalog and kept for a minute.
 */
@Component
class QueueConfigs implements QueueModeListener {

	private static final Logger log = LoggerFactory.getLogger(QueueConfigs.class);
	private static final Duration WINDOW_TTL = Duration.ofMinutes(1);
	private static final int MAX_EVENTS = 10_000;

	private final EventLoopRedis redis;
	private final QueuedEvents events;
	private final QueueSettings settings;
	private final Clock clock;
	private final Map<Long, Cached<LiveSettings>> live = bounded();
	private final Map<Long, Cached<QueuedEvent>> windows = bounded();

	QueueConfigs(EventLoopRedis redis, QueuedEvents events, QueueSettings settings, Clock clock) {
		this.redis = redis;
		this.events = events;
		this.settings = settings;
		this.clock = clock;
	}

	/** Fails with the catalog's 404 problem if there is no such event. */
	Mono<LiveSettings> current(long eventId) {
		Instant now = clock.instant();
		synchronized (live) {
			Cached<LiveSettings> cached = live.get(eventId);
			if (cached == null || cached.isStale(now, settings.configCacheTtl())) {
				cached = Cached.of(load(eventId), now);
				live.put(eventId, cached);
			}
			return cached.value();
		}
	}

	/** Stores the live mode and pace (admin); the mode must be stored with the event first. */
	Mono<Void> store(long eventId, QueueMode mode, double admitsPerSecond, int burst, int maxActiveBuyers) {
		String key = new QueueKeys(eventId).config();
		return redis.call(commands -> commands.hset(key, Map.of("mode", mode.name(), "admitsPerSecond", Double.toString(admitsPerSecond),
				"burst", Integer.toString(burst), "maxActiveBuyers", Integer.toString(maxActiveBuyers))))
			.then(Mono.fromRunnable(() -> forgetAll(eventId)));
	}

	/** An admin wrote the event (with its mode) in Postgres: the live mode follows; the pace stays as it was. */
	@Override
	public Mono<Void> queueModeStored(long eventId, String queueMode) {
		String key = new QueueKeys(eventId).config();
		return redis.call(commands -> commands.hset(key, "mode", QueueMode.parse(queueMode, QueueMode.OFF).name()))
			.then(Mono.fromRunnable(() -> forgetAll(eventId)));
	}

	/** Both copies: the stored mode (the fallback) and the sale window may have changed too. */
	private void forgetAll(long eventId) {
		synchronized (live) {
			live.remove(eventId);
		}
		synchronized (windows) {
			windows.remove(eventId);
		}
	}

	private Mono<LiveSettings> load(long eventId) {
		String key = new QueueKeys(eventId).config();
		Mono<Map<String, String>> stored = redis.<Map<String, String>>call(commands -> commands.hgetall(key))
			.onErrorResume(failure -> {
				log.warn("Could not read the live waiting-room settings of event {}; using the stored mode: {}", eventId, failure.toString());
				return Mono.just(Map.of());
			});
		return window(eventId).zipWith(stored, (event, config) -> new LiveSettings(eventId,
				QueueMode.parse(config.get("mode"), QueueMode.parse(event.queueMode(), QueueMode.OFF)),
				positive(config.get("admitsPerSecond"), settings.admitsPerSecond()),
				(int) positive(config.get("burst"), settings.burst()), (int) positive(config.get("maxActiveBuyers"), 0),
				event.onSaleAt(), event.startsAt()));
	}

	private Mono<QueuedEvent> window(long eventId) {
		Instant now = clock.instant();
		synchronized (windows) {
			Cached<QueuedEvent> cached = windows.get(eventId);
			if (cached == null || cached.isStale(now, WINDOW_TTL)) {
				cached = Cached.of(events.find(eventId).switchIfEmpty(Mono.error(() -> CatalogProblems.eventNotFound(eventId))), now);
				windows.put(eventId, cached);
			}
			return cached.value();
		}
	}

	private static double positive(String value, double fallback) {
		try {
			double parsed = value == null ? fallback : Double.parseDouble(value);
			return parsed > 0 ? parsed : fallback;
		}
		catch (NumberFormatException garbled) {
			return fallback;
		}
	}

	/** A shared answer; a failed one is not kept, so the next caller asks again. */
	private record Cached<T>(Mono<T> value, Instant createdAt) {

		static <T> Cached<T> of(Mono<T> load, Instant createdAt) {
			return new Cached<>(load.cache(answer -> Duration.ofMillis(Long.MAX_VALUE), failure -> Duration.ZERO, () -> Duration.ZERO),
					createdAt);
		}

		boolean isStale(Instant now, Duration ttl) {
			return !now.isBefore(createdAt.plus(ttl));
		}
	}

	private static <T> Map<Long, T> bounded() {
		return new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Long, T> eldest) {
				return size() > MAX_EVENTS;
			}
		};
	}
}
