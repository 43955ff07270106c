package io.boxoffice.holds;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Every {@code boxoffice.holds.sold-reconcile-interval}, compares each sold set in Redis with the ticket rows
 * and repairs the seats where they differ ({@link SoldSets#reconcile}): the seat jobs already apply Postgres's
 * truth in any order, and this catches what no job will (a job lost with its row, a Redis restored from an
 * old snapshot). Safe on every instance at once: a repair is the same idempotent sync the jobs run.
 */
@Component
class SoldSetReconciler implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SoldSetReconciler.class);

	private final ReactiveStringRedisTemplate redis;
	private final SoldSets soldSets;
	private final MeterRegistry meters;
	private final Duration interval;
	private volatile Disposable running;

	SoldSetReconciler(ReactiveStringRedisTemplate redis, SoldSets soldSets, MeterRegistry meters,
			@Value("${boxoffice.holds.sold-reconcile-interval:5m}") Duration interval) {
		this.redis = redis;
		this.soldSets = soldSets;
		this.meters = meters;
		this.interval = interval;
	}

	/** One pass over every loaded sold set; emits how many seats were repaired. */
	Mono<Long> reconcileAll() {
		return redis.scan(ScanOptions.scanOptions().match("sold:{*}").count(500).build())
			.filter(key -> key.matches("sold:\\{\\d+}"))
			.map(key -> Long.parseLong(key.substring("sold:{".length(), key.length() - 1)))
			.concatMap(eventId -> soldSets.reconcile(eventId).onErrorResume(failure -> {
				log.warn("Could not reconcile the sold seats of event {}: {}", eventId, failure.toString());
				return Mono.just(0);
			}))
			.reduce(0L, Long::sum)
			.doOnNext(repaired -> meters.counter("boxoffice.holds.sold.repaired").increment(repaired));
	}

	/** An interval of 0 turns the periodic pass off (the tests, which sell seats in Redis alone on purpose). */
	@Override
	public void start() {
		if (interval.isZero()) {
			return;
		}
		running = Flux.interval(interval, interval, Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap(tick -> reconcileAll().onErrorResume(failure -> Mono.just(0L)), 1)
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
		return running != null;
	}
}
