package io.boxoffice.outbox.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Moves outbox rows to Kafka. Every instance runs one, but only the leader relays (see
 * {@link RelayLeadership}); followers retry the lock every {@code leader-retry}. The leader drains on
 * each NOTIFY and every {@code poll-interval}; while Kafka is unreachable a drain is retried with
 * exponential backoff, the rows stay where they are, and nothing behind them overtakes them.
 */
@Component
class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final RelayLeadership leadership;
	private final OutboxBatches batches;
	private final TopicSetup topics;
	private final OutboxSettings settings;
	private final Counter sent;
	private final Counter errors;
	private final AtomicLong backlog = new AtomicLong();
	private final AtomicInteger leading = new AtomicInteger();
	private volatile Disposable relaying;
	private volatile Disposable measuring;

	OutboxRelay(RelayLeadership leadership, OutboxBatches batches, TopicSetup topics, OutboxSettings settings,
			MeterRegistry registry) {
		this.leadership = leadership;
		this.batches = batches;
		this.topics = topics;
		this.settings = settings;
		this.sent = Counter.builder("boxoffice.outbox.sent").description("Outbox rows sent to Kafka and deleted").register(registry);
		this.errors = Counter.builder("boxoffice.outbox.relay.errors").description("Failed relay attempts (retried with backoff)")
			.register(registry);
		Gauge.builder("boxoffice.outbox.backlog", backlog, AtomicLong::get).description("Outbox rows not yet relayed").register(registry);
		// Summed over the instances this is 1 (0 for at most leader-retry after a leader dies): docs/scale-out.md.
		Gauge.builder("boxoffice.outbox.leader", leading, AtomicInteger::get)
			.description("1 while this instance holds the relay leadership, else 0").register(registry);
	}

	@Override
	public synchronized void start() {
		measuring = Flux.interval(Duration.ZERO, settings.metricsInterval())
			.onBackpressureDrop()
			.concatMap(tick -> batches.backlog().doOnNext(backlog::set).onErrorResume(error -> Mono.empty()), 1)
			.subscribe();
		if (!settings.relayEnabled()) {
			log.info("Outbox relay disabled on this instance");
			return;
		}
		relaying = topics.ensure()
			.thenMany(Flux.defer(() -> leadership.lead(this::relayWhileLeader)))
			// Not the leader (completed) or leadership lost (error): try again a little later.
			.repeatWhen(completions -> completions.delayElements(settings.leaderRetry()))
			.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, settings.leaderRetry())
				.doBeforeRetry(signal -> log.warn("Outbox relay leadership ended: {}", signal.failure().toString())))
			.subscribe();
	}

	private Flux<Integer> relayWhileLeader(Flux<Boolean> notifications, Mono<Void> stillLeader) {
		log.info("This instance is now the outbox relay leader");
		return Flux.merge(notifications, Flux.interval(Duration.ZERO, settings.pollInterval()).map(tick -> Boolean.TRUE))
			.onBackpressureLatest()
			.concatMap(wakeUp -> stillLeader.then(drain()).retryWhen(backoff()), 1)
			.doOnSubscribe(subscription -> leading.set(1))
			.doFinally(signal -> leading.set(0));
	}

	/** Relays batch after batch until one comes back short. */
	private Mono<Integer> drain() {
		return batches.relay(settings.batchSize())
			.doOnNext(sent::increment)
			.repeat()
			.takeUntil(count -> count < settings.batchSize())
			.reduce(0, Integer::sum);
	}

	private Retry backoff() {
		return Retry.backoff(Long.MAX_VALUE, settings.backoffBase())
			.maxBackoff(settings.backoffMax())
			.filter(error -> !(error instanceof RelayLeadership.LeadershipLost))
			.doBeforeRetry(signal -> {
				errors.increment();
				log.warn("Outbox relay failed (attempt {}), retrying with backoff: {}", signal.totalRetries() + 1,
						signal.failure().toString());
			});
	}

	@Override
	public synchronized void stop() {
		if (relaying != null) {
			relaying.dispose();
			relaying = null;
		}
		if (measuring != null) {
			measuring.dispose();
			measuring = null;
		}
	}

	@Override
	public boolean isRunning() {
		return measuring != null;
	}
}
