package io.boxoffice.queue;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.platform.EventLoopRedis;
import io.boxoffice.queue.QueueScripts.Tick;
import io.lettuce.core.KeyValue;

/**
 * Every {@code tick-interval}, on every instance, one step of the admission bucket of each event in
 * {@link QueueKeys#EVENTS}. No leader: the bucket is refilled by Redis's clock inside the script, so however many
 * instances tick, an event admits at its one configured rate. At on-sale time the first tick draws the pre-queue.
 * An event with nobody waiting leaves the set (a join puts it back).
 */
@Component
class AdmissionTicker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AdmissionTicker.class);

	private final EventLoopRedis redis;
	private final QueueScripts scripts;
	private final QueueConfigs configs;
	private final Draws draws;
	private final CheckoutSignal checkout;
	private final QueueMetrics metrics;
	private final QueueSettings settings;
	private final Clock clock;
	private volatile Disposable running;
	private volatile boolean failing;

	AdmissionTicker(EventLoopRedis redis, QueueScripts scripts, QueueConfigs configs, Draws draws, CheckoutSignal checkout,
			QueueMetrics metrics, QueueSettings settings, Clock clock) {
		this.redis = redis;
		this.scripts = scripts;
		this.configs = configs;
		this.draws = draws;
		this.checkout = checkout;
		this.metrics = metrics;
		this.settings = settings;
		this.clock = clock;
	}

	@Override
	public void start() {
		running = Flux.interval(settings.tickInterval(), settings.tickInterval(), Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap(beat -> tickAll().doOnSuccess(done -> failing = false).onErrorResume(failure -> {
				// Five ticks a second: one WARN when ticking starts to fail (Redis down, say), not one per tick.
				if (!failing) {
					log.warn("Waiting-room ticks are failing: {}", failure.toString());
				}
				failing = true;
				return Mono.empty();
			}), 1)
			.subscribe();
	}

	@Override
	public void stop() {
		Disposable current = running;
		if (current != null) {
			current.dispose();
		}
		running = null;
	}

	@Override
	public boolean isRunning() {
		return running != null && !running.isDisposed();
	}

	private Mono<Void> tickAll() {
		return redis.<java.util.Set<String>>call(commands -> commands.smembers(QueueKeys.EVENTS))
			.flatMapMany(Flux::fromIterable)
			.flatMap(id -> tick(Long.parseLong(id)).onErrorResume(failure -> {
				log.debug("Waiting-room tick of event {} failed: {}", id, failure.toString());
				return Mono.empty();
			}), 8)
			.then();
	}

	/** One step for one event (empty when there is nothing to do yet). Safe to call from anywhere, any number of times. */
	Mono<Tick> tick(long eventId) {
		QueueKeys keys = new QueueKeys(eventId);
		return configs.current(eventId)
			.onErrorResume(ErrorResponseException.class, noSuchEvent -> forget(eventId).then(Mono.empty()))
			.flatMap(live -> {
				if (!live.mode().queued()) {
					return forget(eventId).then(Mono.<Tick>empty());
				}
				if (clock.instant().isBefore(live.onSaleAt())) {
					return Mono.<Tick>empty(); // pre-queue: nobody is admitted before the sale opens
				}
				double factor = checkout.admissionFactor();
				QueueScripts.Pace pace = live.pace(factor);
				return scripts.tick(keys, pace).flatMap(tick -> {
					if (!tick.opened()) {
						return draws.draw(eventId).then(Mono.<Tick>empty());
					}
					metrics.ticked(eventId, tick, pace.admitsPerSecond());
					return tick.waiting() == 0 ? forgetIfStillIdle(keys).thenReturn(tick) : Mono.just(tick);
				});
			});
	}

	/**
	 * Leaves the set, then looks again: a join numbers its place before it adds the event to the set, so either this
	 * look sees the new place (and puts the event back) or the join's add comes after this removal.
	 */
	private Mono<Void> forgetIfStillIdle(QueueKeys keys) {
		return forget(keys.eventId())
			.then(redis.<List<KeyValue<String, String>>>call(commands -> commands.mget(keys.seq(), keys.served())))
			.flatMap(values -> {
				long seq = Long.parseLong(values.get(0).getValueOrElse("0"));
				long served = Long.parseLong(values.get(1).getValueOrElse("0"));
				return seq > served
						? redis.<Long>call(commands -> commands.sadd(QueueKeys.EVENTS, Long.toString(keys.eventId()))).then()
						: Mono.empty();
			});
	}

	private Mono<Void> forget(long eventId) {
		return redis.<Long>call(commands -> commands.srem(QueueKeys.EVENTS, Long.toString(eventId))).then();
	}
}
