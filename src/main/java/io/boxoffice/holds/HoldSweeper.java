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
 * {@link ExpiryIndex} and runs the expire script on each (at most a batch of holds per event per call), passing
 * again at once while a pass stopped at a batch limit.
 * Redis expires the hold keys on its own; this frees the seats in the live stream, drops the hold records
 * and keeps the index small. Every instance sweeps, for every event with holds, watched or not; a due event is
 * swept by the one instance whose removal from the index took it (ZREM answers 1 to one caller only), so a
 * cluster of instances expires each event once per due time. The script is idempotent, so a sweep that does run
 * twice (a keyspace notification calls {@link #sweep(long, long)} for one event as well) never conflicts.
 * <p>
 * Which events are due is read by this instance's clock; whether a hold has expired is decided by the expire script
 * by Redis's time. A skewed clock only visits an event early (the script ends nothing yet and reschedules it with the
 * next expiry) or late (by the skew; prompt expiry on the key's own expiry covers the moment).
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

	/** Passes one tick may make; a mass expiry larger than this many batches waits for the next tick. */
	static final int MAX_PASSES_PER_TICK = 10;

	/** What one pass over the due events did, and whether it stopped at a batch limit (so more may be due). */
	private record Pass(long holds, boolean full) {
	}

	/**
	 * Sweeps every due event, and again at once while a pass stopped at a batch limit: after an on-sale surge,
	 * thousands of holds of one event expire within a second, and one batch per event per tick would announce the
	 * freed seats minutes late. At most {@link #MAX_PASSES_PER_TICK} passes, so a tick always ends. A pass takes
	 * up to {@code sweep-batch-size} due events and ends up to {@code holdsPerEvent} holds of each. Answers how
	 * many holds it ended.
	 */
	Mono<Long> sweepUntilCaughtUp(int holdsPerEvent) {
		return pass(holdsPerEvent)
			.expand(pass -> pass.full() ? pass(holdsPerEvent) : Mono.empty())
			.take(MAX_PASSES_PER_TICK)
			.map(Pass::holds)
			.reduce(0L, Long::sum);
	}

	private Mono<Pass> pass(int holdsPerEvent) {
		return Mono.defer(() -> {
			long now = clock.millis();
			int events = settings.sweepBatchSize();
			// The holds granted until now are in the index before it is read, even if their own flush has not run.
			return index.flushPending().thenMany(index.due(now, events))
				.concatMap(eventId -> sweep(eventId, now, holdsPerEvent, true))
				.collectList()
				.map(ended -> new Pass(ended.stream().mapToLong(Long::longValue).sum(),
						ended.size() >= events || ended.stream().anyMatch(holds -> holds >= holdsPerEvent)));
		});
	}

	/** Ends the due holds of one event, at most a batch of them; {@code now} is when to try again if that fails. */
	Mono<Long> sweep(long eventId, long now) {
		return sweep(eventId, now, settings.sweepBatchSize(), false);
	}

	/** {@code claimed}: only if this call takes the event out of the index (another instance is on it otherwise). */
	private Mono<Long> sweep(long eventId, long now, int batchSize, boolean claimed) {
		// Out of the index first, back in with the next expiry after: see ExpiryIndex for why that order.
		return index.remove(eventId)
			.filter(removed -> removed || !claimed)
			.flatMap(mine -> scripts.expireDue(eventId, batchSize))
			.flatMap(expired -> (expired.nextExpiry() >= 0 ? index.schedule(eventId, expired.nextExpiry()) : Mono.<Void>empty())
				.thenReturn(expired.holds()))
			.onErrorResume(failure -> {
				log.warn("Sweeping the holds of event {} failed; trying again next time: {}", eventId, failure.toString());
				return index.schedule(eventId, now).onErrorResume(again -> Mono.empty()).thenReturn(0L);
			})
			.defaultIfEmpty(0L);
	}

	@Override
	public void start() {
		connectNow();
		ticks = Flux.interval(settings.sweepInterval())
			.onBackpressureDrop()
			.concatMap(tick -> sweepUntilCaughtUp(settings.sweepBatchSize()).onErrorResume(failure -> {
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
