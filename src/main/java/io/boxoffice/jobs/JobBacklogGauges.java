package io.boxoffice.jobs;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pending, failed and stuck job counts, and how long the oldest due job has waited, read from the
 * database every {@code metrics-interval} rather than on every scrape.
 */
@Component
class JobBacklogGauges implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobBacklogGauges.class);

	private final JobQueue queue;
	private final JobSettings settings;
	private final AtomicLong pending = new AtomicLong();
	private final AtomicLong failed = new AtomicLong();
	private final AtomicLong oldestDueMillis = new AtomicLong();
	private final Map<String, AtomicLong> stuck = new ConcurrentHashMap<>();
	private final MeterRegistry registry;
	private volatile Disposable refreshing;

	JobBacklogGauges(JobQueue queue, JobSettings settings, MeterRegistry registry) {
		this.queue = queue;
		this.settings = settings;
		this.registry = registry;
		Gauge.builder("boxoffice.jobs.backlog", pending, AtomicLong::get)
			.description("Jobs by status: pending (due or scheduled) and failed (gave up, need a person)")
			.tag("status", "pending")
			.register(registry);
		Gauge.builder("boxoffice.jobs.backlog", failed, AtomicLong::get)
			.description("Jobs by status: pending (due or scheduled) and failed (gave up, need a person)")
			.tag("status", "failed")
			.register(registry);
		TimeGauge.builder("boxoffice.jobs.oldest.due", oldestDueMillis, TimeUnit.MILLISECONDS, AtomicLong::get)
			.description("How long the longest-waiting due job has been waiting for a runner")
			.register(registry);
	}

	Mono<Void> refresh() {
		return queue.backlog()
			.doOnNext(backlog -> {
				pending.set(backlog.pending());
				failed.set(backlog.failed());
				oldestDueMillis.set(backlog.oldestDueMillis());
			})
			.then(queue.stuckByKind(settings.maxAttempts()).collectMap(Map.Entry::getKey, Map.Entry::getValue))
			.doOnNext(counts -> {
				counts.keySet().forEach(this::stuckGauge);
				stuck.forEach((kind, count) -> count.set(counts.getOrDefault(kind, 0L)));
			})
			.then();
	}

	/** A kind's gauge appears the first time one of its jobs is stuck, and stays (at 0 once none is). */
	private AtomicLong stuckGauge(String kind) {
		return stuck.computeIfAbsent(kind, k -> {
			var count = new AtomicLong();
			Gauge.builder("boxoffice.jobs.stuck", count, AtomicLong::get)
				.description("Jobs that never give up (payments) still failing past max-attempts: each needs a person")
				.tag("kind", k)
				.register(registry);
			return count;
		});
	}

	@Override
	public synchronized void start() {
		if (refreshing == null) {
			refreshing = Flux.interval(Duration.ZERO, settings.metricsInterval())
				.onBackpressureDrop()
				.concatMap(tick -> refresh().onErrorResume(error -> {
					log.warn("Could not read the job backlog for the gauges: {}", error.toString());
					return Mono.empty();
				}), 1)
				.subscribe();
		}
	}

	@Override
	public synchronized void stop() {
		if (refreshing != null) {
			refreshing.dispose();
			refreshing = null;
		}
	}

	@Override
	public boolean isRunning() {
		return refreshing != null;
	}
}
