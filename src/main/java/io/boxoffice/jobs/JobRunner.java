package io.boxoffice.jobs;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.context.SmartLifecycle;

/**
 * Runs due jobs. It claims them in short transactions ({@link JobQueue#claim}; several instances
 * claim side by side without taking each other's jobs), runs their handlers with a timeout and at
 * most {@code concurrency} at a time, and records the outcome: DONE, a retry after a backoff, or
 * FAILED once {@code max-attempts} are used up; jobs whose handler {@link JobHandler#neverGivesUp()} are
 * retried every {@code stuck-retry-interval} instead, for as long as it takes, and reported as stuck. It looks for
 * work when a commit nudges it, when a
 * running job finishes (capacity is free again) and every {@code poll-interval}.
 * <p>
 * Stopping stops claiming and waits up to {@code shutdown-timeout} for running handlers; the ones
 * still running are abandoned without recording anything, so they run again when their lease expires.
 */
class JobRunner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
	static final int MAX_ERROR_LENGTH = 2000;

	private final JobQueue queue;
	private final Map<String, JobHandler> handlers;
	private final JobSettings settings;
	private final Backoff backoff;
	private final Backoff stuckBackoff;
	private final JobMetrics metrics;
	private final JobWakeUps wakeUps;

	private final AtomicInteger running = new AtomicInteger();
	private final AtomicInteger claims = new AtomicInteger();
	private volatile boolean stopping;
	private Disposable loop;
	private Sinks.Many<Boolean> freed;
	private Sinks.Empty<Void> idle;
	private Sinks.One<Boolean> abandon;

	JobRunner(JobQueue queue, List<JobHandler> handlers, JobSettings settings, JobMetrics metrics, JobWakeUps wakeUps) {
		this.queue = queue;
		this.handlers = byKind(handlers);
		this.settings = settings;
		this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
		this.stuckBackoff = new Backoff(settings.stuckRetryInterval(), settings.stuckRetryInterval());
		this.metrics = metrics;
		this.wakeUps = wakeUps;
	}

	@Override
	public boolean isAutoStartup() {
		return settings.runner().enabled();
	}

	@Override
	public synchronized void start() {
		if (loop != null) {
			return;
		}
		stopping = false;
		freed = Sinks.many().multicast().directBestEffort();
		idle = Sinks.empty();
		abandon = Sinks.one();
		// Wake-ups that arrive while a claim is under way collapse into one more claim after it.
		loop = Flux.merge(Flux.interval(Duration.ZERO, settings.pollInterval()).map(tick -> Boolean.TRUE), wakeUps.asFlux(),
				freed.asFlux())
			.onBackpressureDrop()
			.concatMap(wakeUp -> claimAndStart(), 1)
			.subscribe();
		log.info("Job runner started for kinds {}: up to {} at a time, polling every {}", handlers.keySet(),
				settings.concurrency(), settings.pollInterval());
	}

	@Override
	public void stop(Runnable callback) {
		Disposable stoppingLoop;
		Sinks.One<Boolean> abandonRunning;
		Mono<Void> whenIdle;
		synchronized (this) {
			if (loop == null || stopping) {
				callback.run();
				return;
			}
			stopping = true;
			stoppingLoop = loop;
			abandonRunning = abandon;
			whenIdle = idle.asMono();
		}
		whenIdle.timeout(settings.shutdownTimeout(), Mono.fromRunnable(() -> {
			log.warn("Job runner stopped with {} job(s) still running; they run again when their leases expire", running.get());
			abandonRunning.tryEmitValue(Boolean.TRUE);
		}))
			.doFinally(signal -> {
				stoppingLoop.dispose();
				synchronized (this) {
					loop = null;
				}
				log.info("Job runner stopped");
				callback.run();
			})
			.subscribe();
		signalIfIdle();
	}

	/** Blocks the calling thread; the application context uses {@link #stop(Runnable)}. */
	@Override
	public void stop() {
		var stopped = new CountDownLatch(1);
		stop(stopped::countDown);
		try {
			stopped.await(settings.shutdownTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return loop != null;
	}

	/** Claims as many due jobs as there is capacity for, starts them, and goes on while batches come back full. */
	private Mono<Void> claimAndStart() {
		return Mono.defer(() -> {
			int capacity = settings.concurrency() - running.get();
			if (capacity <= 0) {
				return Mono.empty();
			}
			// Counted before the stopping check, so stop() either sees this claim or this claim sees stop().
			claims.incrementAndGet();
			if (stopping) {
				claimEnded();
				return Mono.empty();
			}
			int limit = Math.min(settings.batchSize(), capacity);
			return queue.claim(limit, handlers.keySet(), settings.lease(), settings.unknownKindGrace())
				.doOnNext(this::start)
				.count()
				.doFinally(signal -> claimEnded())
				.flatMap(claimed -> claimed == limit ? claimAndStart() : Mono.empty());
		}).onErrorResume(error -> {
			log.warn("Could not claim jobs, trying again within {}: {}", settings.pollInterval(), error.toString());
			return Mono.empty();
		});
	}

	private void claimEnded() {
		claims.decrementAndGet();
		signalIfIdle();
	}

	private void start(Job job) {
		running.incrementAndGet();
		execute(job)
			.takeUntilOther(abandon.asMono())
			.doFinally(signal -> {
				running.decrementAndGet();
				freed.tryEmitNext(Boolean.TRUE);
				signalIfIdle();
			})
			.subscribe(null, error -> log.error("{} ended unexpectedly", job, error));
	}

	private void signalIfIdle() {
		if (stopping && claims.get() == 0 && running.get() == 0) {
			idle.tryEmitEmpty();
		}
	}

	private Mono<Void> execute(Job job) {
		JobHandler handler = handlers.get(job.kind());
		if (handler == null) {
			return giveUp(job, "No JobHandler for kind '" + job.kind() + "' in this application (it has " + handlers.keySet()
					+ ") and no other instance claimed it within " + settings.unknownKindGrace(), null);
		}
		if (job.attempts() > settings.maxAttempts() && !handler.neverGivesUp()) {
			return giveUp(job, "Attempt " + job.attempts() + " would exceed max-attempts " + settings.maxAttempts()
					+ ": the previous attempt never reported back (its runner stopped or crashed and the lease expired)", null);
		}
		long started = System.nanoTime();
		return Mono.defer(() -> handler.handle(job))
			.timeout(settings.handlerTimeout(),
					Mono.error(() -> new TimeoutException("The handler did not finish within " + settings.handlerTimeout())))
			.then(Mono.just(Optional.<Throwable>empty()))
			.onErrorResume(error -> Mono.just(Optional.of(error)))
			.flatMap(failure -> {
				metrics.handled(job.kind(), failure.isEmpty(), System.nanoTime() - started);
				return failure.isEmpty() ? succeeded(job) : failed(job, failure.get());
			})
			.onErrorResume(error -> {
				log.error("Could not record the outcome of {}; it runs again when its lease expires", job, error);
				return Mono.empty();
			});
	}

	private Mono<Void> succeeded(Job job) {
		return queue.markDone(job).doOnNext(recorded -> {
			if (recorded) {
				metrics.done(job.kind());
				log.debug("{} done", job);
			}
			else {
				leaseLost(job);
			}
		}).then();
	}

	private Mono<Void> failed(Job job, Throwable error) {
		String description = describe(error);
		boolean pastMaxAttempts = job.attempts() >= settings.maxAttempts();
		if (handlers.get(job.kind()).neverGivesUp()) {
			if (pastMaxAttempts) {
				return stuck(job, description, error);
			}
		}
		else if (pastMaxAttempts || error instanceof PermanentJobFailure) {
			return giveUp(job, description, error);
		}
		Duration delay = backoff.delayAfter(job.attempts());
		return queue.retryLater(job, description, delay).doOnNext(recorded -> {
			if (recorded) {
				metrics.retried(job.kind());
				log.warn("{} failed, retrying in {}: {}", job, delay, description);
			}
			else {
				leaseLost(job);
			}
		}).then();
	}

	/** A job that must not give up failed again past max-attempts: retried every stuck-retry-interval, loudly. */
	private Mono<Void> stuck(Job job, String description, Throwable error) {
		Duration delay = stuckBackoff.delayAfter(1);
		return queue.retryLater(job, description, delay).doOnNext(recorded -> {
			if (recorded) {
				metrics.stuck(job.kind());
				log.error("{} is STUCK: attempt {} failed (max-attempts {}); it is never given up and runs again in {}: {}",
						job, job.attempts(), settings.maxAttempts(), delay, description, error);
			}
			else {
				leaseLost(job);
			}
		}).then();
	}

	private Mono<Void> giveUp(Job job, String description, Throwable error) {
		return queue.markFailed(job, truncate(description)).doOnNext(recorded -> {
			if (recorded) {
				metrics.failed(job.kind());
				log.error("{} FAILED, giving up: {}", job, description, error);
			}
			else {
				leaseLost(job);
			}
		}).then();
	}

	private void leaseLost(Job job) {
		log.warn("{} finished after its lease expired and another run took it over; its outcome is not recorded", job);
	}

	/** The error and its causes, one line, short enough for {@code last_error}. */
	static String describe(Throwable error) {
		var text = new StringBuilder();
		Throwable cause = error;
		for (int depth = 0; cause != null && depth < 10 && text.length() < MAX_ERROR_LENGTH; depth++) {
			if (depth > 0) {
				text.append("; caused by ");
			}
			text.append(cause.getClass().getName());
			if (cause.getMessage() != null) {
				text.append(": ").append(cause.getMessage());
			}
			cause = cause.getCause() == cause ? null : cause.getCause();
		}
		return truncate(text.toString());
	}

	static String truncate(String text) {
		String clean = text.replace('\u0000', ' '); // Postgres text cannot hold NUL
		if (clean.length() <= MAX_ERROR_LENGTH) {
			return clean;
		}
		int end = MAX_ERROR_LENGTH - 1;
		if (Character.isHighSurrogate(clean.charAt(end - 1))) {
			end--;
		}
		return clean.substring(0, end) + "…";
	}

	private static Map<String, JobHandler> byKind(List<JobHandler> handlers) {
		var byKind = new TreeMap<String, JobHandler>();
		for (JobHandler handler : handlers) {
			JobHandler other = byKind.putIfAbsent(handler.kind(), handler);
			if (other != null) {
				throw new IllegalStateException("Two JobHandlers for kind '" + handler.kind() + "': "
						+ other.getClass().getName() + " and " + handler.getClass().getName());
			}
		}
		return Collections.unmodifiableMap(byKind);
	}
}
