package io.boxoffice.holds;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Ends expired holds every {@code sweep-interval}: takes up to {@code sweep-batch-size} due events from the
 * {@link ExpiryIndex} and runs the expire script on each (at most a batch of holds per event per tick).
 * Redis expires the hold keys on its own; this frees the seats in the live stream, drops the hold records
 * and keeps the index small. Every instance sweeps; the script is idempotent, so they never conflict.
 * Keyspace notifications may call {@link #sweep(long, long)} for one event as well.
 */
@Component
class HoldSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

	private final ExpiryIndex index;
	private final HoldScripts scripts;
	private final HoldSettings settings;
	private final Clock clock;
	private final ReactiveStringRedisTemplate redis;
	private volatile Disposable ticks;

	HoldSweeper(ExpiryIndex index, HoldScripts scripts, HoldSettings settings, Clock clock, ReactiveStringRedisTemplate redis) {
		this.redis = redis;
		this.index = index;
		this.scripts = scripts;
		this.settings = settings;
		this.clock = clock;
	}

	/** One sweep of every due event; answers how many holds it ended. */
	Mono<Long> sweep() {
		return Mono.defer(() -> {
			long now = clock.millis();
			return index.due(now, settings.sweepBatchSize()).concatMap(eventId -> sweep(eventId, now)).reduce(0L, Long::sum);
		});
	}

	/** Ends the due holds of one event. */
	Mono<Long> sweep(long eventId, long now) {
		// Out of the index first, back in with the next expiry after: see ExpiryIndex for why that order.
		return index.remove(eventId)
			.then(scripts.expireDue(eventId, now, settings.sweepBatchSize()))
			.flatMap(expired -> (expired.nextExpiry() >= 0 ? index.schedule(eventId, expired.nextExpiry()) : Mono.<Void>empty())
				.thenReturn(expired.holds()))
			.onErrorResume(failure -> {
				log.warn("Sweeping the holds of event {} failed; trying again next time: {}", eventId, failure.toString());
				return index.schedule(eventId, now).onErrorResume(again -> Mono.empty()).thenReturn(0L);
			});
	}

	@Override
	public void start() {
		connectNow();
		ticks = Flux.interval(settings.sweepInterval())
			.onBackpressureDrop()
			.concatMap(tick -> sweep().onErrorResume(failure -> {
				log.warn("Hold sweep failed: {}", failure.toString());
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	/**
	 * Lettuce opens the shared connection on first use, and opening it blocks. Open it here, on the thread
	 * starting the application, so that neither a sweep tick nor a request (hold scripts also run on R2DBC
	 * threads) blocks a non-blocking thread doing it. If Redis is down now, the first command connects later.
	 */
	private void connectNow() {
		try {
			redis.getConnectionFactory().getReactiveConnection().close();
		}
		catch (RuntimeException unreachable) {
			log.warn("Redis is not reachable at startup; holds will connect on first use: {}", unreachable.toString());
		}
	}

	@Override
	public void stop() {
		Disposable running = ticks;
		if (running != null) {
			running.dispose();
		}
		ticks = null;
	}

	@Override
	public boolean isRunning() {
		return ticks != null;
	}
}
