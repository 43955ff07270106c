package io.boxoffice.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.jobs.JobRows.JobRow;

import static io.boxoffice.jobs.JobTestHandlers.RECORDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runners built by hand on the application's database: several at once, restarts, crashes, stops.
 * Each test uses a kind of its own that the application's runner has no handler for, so only the
 * runners the test builds claim its jobs.
 */
@JobsIntegrationTest
class JobRunnersIT {

	@Autowired
	Jobs jobs;

	@Autowired
	DatabaseClient db;

	@Autowired
	JobQueue queue;

	@Autowired
	JobWakeUps wakeUps;

	@Autowired
	JobRunner applicationRunner;

	@Autowired
	List<JobHandler> applicationHandlers;

	@Autowired
	@Qualifier("recorded")
	RecordingHandler recorded;

	@Autowired
	ReactiveTransactionManager transactionManager;

	TransactionalOperator transactions;
	JobRows rows;
	List<JobRunner> runners = new ArrayList<>();

	@BeforeEach
	void setUp() {
		transactions = TransactionalOperator.create(transactionManager);
		rows = new JobRows(db);
	}

	@AfterEach
	void stopRunners() {
		runners.forEach(JobRunner::stop);
	}

	@Test
	void twoRunnersOnOneDatabaseShareTwoHundredJobsAndRunEachExactlyOnce() {
		String kind = uniqueKind("shared");
		var runsPerJob = new ConcurrentHashMap<Long, AtomicInteger>();
		var first = new Probe(kind, runsPerJob);
		var second = new Probe(kind, runsPerJob);
		runner(List.of(first), "concurrency", "4", "batch-size", "4", "poll-interval", "50ms").start();
		runner(List.of(second), "concurrency", "4", "batch-size", "4", "poll-interval", "50ms").start();

		List<Long> ids = transactions.transactional(Flux.range(0, 200).concatMap(n -> jobs.enqueue(kind, Map.of("n", n))).collectList())
			.block();

		await().atMost(Duration.ofMinutes(1)).until(() -> countDoneAtFirstAttempt(ids) == 200);
		assertThat(runsPerJob).hasSize(200).allSatisfy((id, runs) -> assertThat(runs).as("runs of job %d", id).hasValue(1));
		assertThat(first.handled.get() + second.handled.get()).isEqualTo(200);
		assertThat(first.handled).as("jobs the first runner ran").hasPositiveValue();
		assertThat(second.handled).as("jobs the second runner ran").hasPositiveValue();
		assertThat(first.mostAtOnce.get()).as("first runner's concurrency").isBetween(1, 4);
		assertThat(second.mostAtOnce.get()).as("second runner's concurrency").isBetween(1, 4);
	}

	@Test
	void aJobCommittedWhileNoRunnerRanIsRunByTheNextRunnerToStart() {
		applicationRunner.stop();
		try {
			long id = transactions.transactional(jobs.enqueue(RECORDED, Map.of("bookingId", 3))).block();
			assertThat(rows.find(id)).satisfies(row -> {
				assertThat(row.status()).isEqualTo("PENDING");
				assertThat(row.attempts()).isZero();
			});

			runner(applicationHandlers).start(); // a fresh runner, as after a restart

			await().until(() -> "DONE".equals(rows.status(id)));
			assertThat(recorded.runs(id)).hasSize(1);
		}
		finally {
			applicationRunner.start();
		}
	}

	@Test
	void aJobWhoseRunnerDiedWhileRunningItRunsAgainOnceTheLeaseExpires() {
		String kind = uniqueKind("lease");
		var started = new AtomicBoolean();
		JobRunner dying = runner(List.of(new RecordingHandler(kind, job -> {
			started.set(true);
			return Mono.never();
		})), "lease", "5s", "handler-timeout", "4s", "shutdown-timeout", "0s");
		dying.start();
		long id = transactions.transactional(jobs.enqueue(kind, Map.of("bookingId", 4))).block();
		await().untilTrue(started);

		dying.stop(); // no time to finish: the handler is abandoned and nothing is recorded, as in a crash

		JobRow leased = rows.find(id);
		assertThat(leased.status()).isEqualTo("PENDING");
		assertThat(leased.attempts()).isEqualTo(1);
		assertThat(leased.lastError()).as("a crash, not a recorded failure").isNull();
		assertThat(leased.runAt()).as("leased").isAfter(Instant.now());

		var successor = RecordingHandler.succeeding(kind);
		runner(List.of(successor)).start();

		await().atMost(Duration.ofSeconds(30)).until(() -> "DONE".equals(rows.status(id)));
		assertThat(successor.runs(id)).singleElement().satisfies(run -> {
			assertThat(run.job().attempts()).isEqualTo(2);
			assertThat(run.at()).as("not before the lease expired").isAfter(leased.runAt().minusSeconds(1));
		});
	}

	@Test
	void eachFailedAttemptPushesRunAtFurtherOutUntilTheJobFails() {
		String kind = uniqueKind("backoff");
		var handler = new RecordingHandler(kind, job -> Mono.error(new IllegalStateException("stripe is down (attempt " + job.attempts() + ")")));
		// Polls only when started or nudged, so nothing runs again until the test says time has passed.
		runner(List.of(handler), "poll-interval", "1h", "backoff-base", "10s", "backoff-max", "1m", "max-attempts", "3").start();

		long id = jobs.enqueue(kind, Map.of("bookingId", 5)).block();

		JobRow first = awaitFailure(id, 1);
		assertThat(Duration.between(handler.runs(id).get(0).at(), first.runAt())).as("first backoff: 5-10 s")
			.isBetween(Duration.ofSeconds(5), Duration.ofSeconds(15));
		assertThat(first.status()).isEqualTo("PENDING");

		makeDueAndNudge(id);
		JobRow second = awaitFailure(id, 2);
		assertThat(Duration.between(handler.runs(id).get(1).at(), second.runAt())).as("second backoff: 10-20 s")
			.isBetween(Duration.ofSeconds(10), Duration.ofSeconds(25));

		makeDueAndNudge(id);
		await().until(() -> "FAILED".equals(rows.status(id)));
		JobRow last = rows.find(id);
		assertThat(last.attempts()).isEqualTo(3);
		assertThat(last.lastError()).isEqualTo("java.lang.IllegalStateException: stripe is down (attempt 3)");
		assertThat(handler.runs(id)).hasSize(3);
	}

	@Test
	void aHandlerThatDoesNotFinishInTimeFailsItsAttempt() {
		String kind = uniqueKind("hangs");
		runner(List.of(new RecordingHandler(kind, job -> Mono.never())), "handler-timeout", "200ms", "max-attempts", "1").start();

		long id = jobs.enqueue(kind, Map.of()).block();

		await().until(() -> "FAILED".equals(rows.status(id)));
		assertThat(rows.find(id).lastError()).isEqualTo("java.util.concurrent.TimeoutException: The handler did not finish within PT0.2S");
	}

	@Test
	void aCommitNudgesTheRunnerSoTheJobDoesNotWaitForAPoll() {
		String kind = uniqueKind("nudged");
		runner(List.of(RecordingHandler.succeeding(kind)), "poll-interval", "1h").start();
		// Whichever way this first job is found, the runner's one poll at start is behind it.
		long warmUp = transactions.transactional(jobs.enqueue(kind, Map.of())).block();
		await().until(() -> "DONE".equals(rows.status(warmUp)));

		long id = transactions.transactional(jobs.enqueue(kind, Map.of())).block();

		await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(rows.status(id)));
	}

	@Test
	void stoppingStopsClaimingAndWaitsForRunningHandlersToFinish() {
		String kind = uniqueKind("graceful");
		var started = new AtomicBoolean();
		Sinks.Empty<Void> finish = Sinks.empty();
		JobRunner runner = runner(List.of(new RecordingHandler(kind, job -> {
			started.set(true);
			return finish.asMono();
		})), "shutdown-timeout", "30s");
		runner.start();
		long running = jobs.enqueue(kind, Map.of()).block();
		await().untilTrue(started);

		var stopped = new AtomicBoolean();
		runner.stop(() -> stopped.set(true));
		long notClaimed = jobs.enqueue(kind, Map.of()).block(); // nudges the stopping runner

		assertThat(stopped).as("still waiting for the running handler").isFalse();
		finish.tryEmitEmpty();
		await().untilTrue(stopped);
		assertThat(rows.status(running)).isEqualTo("DONE");
		assertThat(rows.find(notClaimed).attempts()).as("claimed after stop was called").isZero();
		rows.delete(notClaimed);
	}

	private JobRunner runner(List<JobHandler> handlers, String... settings) {
		var runner = new JobRunner(queue, handlers, JobSettingsTest.settings(settings), new JobMetrics(new SimpleMeterRegistry()), wakeUps);
		runners.add(runner);
		return runner;
	}

	private JobRow awaitFailure(long id, int attempt) {
		await().until(() -> {
			String error = rows.find(id).lastError();
			return error != null && error.endsWith("(attempt " + attempt + ")");
		});
		return rows.find(id);
	}

	/** As if the backoff had passed. */
	private void makeDueAndNudge(long id) {
		db.sql("UPDATE job SET run_at = now() WHERE id = :id").bind("id", id).then().block();
		wakeUps.nudge();
	}

	private long countDoneAtFirstAttempt(List<Long> ids) {
		return db.sql("SELECT count(*) FROM job WHERE id = ANY(:ids) AND status = 'DONE' AND attempts = 1")
			.bind("ids", ids.toArray(Long[]::new))
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private static String uniqueKind(String name) {
		return "test." + name + "." + UUID.randomUUID();
	}

	/** Counts runs per job across runners, and how many jobs one runner ran at once. */
	static final class Probe implements JobHandler {

		final AtomicInteger handled = new AtomicInteger();
		final AtomicInteger mostAtOnce = new AtomicInteger();
		private final AtomicInteger atOnce = new AtomicInteger();
		private final String kind;
		private final Map<Long, AtomicInteger> runsPerJob;

		Probe(String kind, Map<Long, AtomicInteger> runsPerJob) {
			this.kind = kind;
			this.runsPerJob = runsPerJob;
		}

		@Override
		public String kind() {
			return kind;
		}

		@Override
		public Mono<Void> handle(Job job) {
			return Mono.defer(() -> {
				runsPerJob.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
				handled.incrementAndGet();
				mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
				// A little work, so that neither runner can take every job before the other looks.
				return Mono.delay(Duration.ofMillis(10)).then();
			})
				// Before the completion travels on: the runner may then start the next job on another thread at once.
				.doOnTerminate(atOnce::decrementAndGet)
				.doOnCancel(atOnce::decrementAndGet);
		}
	}
}
