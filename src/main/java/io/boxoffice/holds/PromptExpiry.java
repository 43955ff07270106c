package io.boxoffice.holds;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.boxoffice.platform.Leadership;

/**
 * Frees the seats of a hold the moment Redis expires its key, for every event, watched or not, instead of at the
 * next sweep. One instance does it for the deployment: the holder of the {@link Leadership} lock
 * {@code expiry-lock-key}, which listens to the {@code expired} keyspace notifications of every hold key and sweeps
 * each event they name (followers try to take the lock every {@code expiry-leader-retry}). Notifications that
 * arrive while a sweep runs are gathered by event into one sweep each: a surge expires thousands of holds of one
 * event at once.
 * <p>
 * The {@link HoldSweeper} still visits every due event every {@code sweep-interval} on every instance: it is what
 * expires holds while there is no leader, or when a notification is lost (they are fire-and-forget).
 */
@Component
class PromptExpiry implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(PromptExpiry.class);

	private final Leadership leadership;
	private final ChangeStream stream;
	private final HoldSweeper sweeper;
	private final HoldSettings settings;
	private final Clock clock;
	private final AtomicInteger leading = new AtomicInteger();
	private final AtomicLong sweeps = new AtomicLong();
	/** Events named by a notification and not swept since. */
	private final Set<Long> pending = ConcurrentHashMap.newKeySet();
	private volatile Disposable running;

	PromptExpiry(Leadership leadership, ChangeStream stream, HoldSweeper sweeper, HoldSettings settings, Clock clock) {
		this.leadership = leadership;
		this.stream = stream;
		this.sweeper = sweeper;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public synchronized void start() {
		if (running != null) {
			return;
		}
		running = Flux.defer(() -> leadership.lead(settings.expiryLockKey(), null, settings.expiryLeaderRetry(), this::expireWhileLeader))
			// Not the leader (completed) or leadership lost (error): try again a little later.
			.repeatWhen(completions -> completions.delayElements(settings.expiryLeaderRetry()))
			.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, settings.expiryLeaderRetry())
				.doBeforeRetry(signal -> log.warn("Prompt hold expiry: leadership ended: {}", signal.failure().toString())))
			.subscribe();
	}

	private Flux<Long> expireWhileLeader(Flux<Boolean> sessionEnds, Mono<Void> stillLeader) {
		log.info("This instance now expires holds promptly for every event");
		Flux<Long> checks = Flux.interval(settings.expiryLeaderRetry()).concatMap(tick -> stillLeader).thenMany(Flux.empty());
		Flux<Long> expiries = stream.holdKeysExpired()
			.doOnNext(pending::add)
			.onBackpressureLatest() // only a wake-up: the events wait in the pending set
			.concatMap(wakeUp -> sweepPending(), 1);
		return Flux.merge(sessionEnds.thenMany(Flux.<Long>empty()), checks, expiries)
			.doOnSubscribe(subscription -> leading.set(1))
			.doFinally(signal -> leading.set(0));
	}

	/** Sweeps each pending event once; answers how many holds ended. */
	private Mono<Long> sweepPending() {
		return Flux.defer(() -> {
			var events = new ArrayList<Long>(pending.size());
			for (Long eventId : pending) {
				if (pending.remove(eventId)) {
					events.add(eventId);
				}
			}
			return Flux.fromIterable(events);
		}).concatMap(eventId -> {
			sweeps.incrementAndGet();
			return sweeper.sweep(eventId, clock.millis());
		}).reduce(0L, Long::sum);
	}

	/** Whether this instance is the one expiring holds promptly now. */
	boolean leading() {
		return leading.get() == 1;
	}

	/** Sweeps this instance ran because a hold key expired. */
	long sweeps() {
		return sweeps.get();
	}

	@Override
	public synchronized void stop() {
		if (running != null) {
			running.dispose();
			running = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return running != null;
	}
}
