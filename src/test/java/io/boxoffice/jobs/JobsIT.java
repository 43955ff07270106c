package io.boxoffice.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.jobs.JobRows.JobRow;
import io.boxoffice.jobs.RecordingHandler.Run;

import static io.boxoffice.jobs.JobTestHandlers.ALWAYS_FAILS;
import static io.boxoffice.jobs.JobTestHandlers.FLAKY;
import static io.boxoffice.jobs.JobTestHandlers.GIVES_UP;
import static io.boxoffice.jobs.JobTestHandlers.RECORDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Enqueueing in the caller's transaction, and what the application's runner does with the jobs. */
@JobsIntegrationTest
class JobsIT {

	record Capture(long bookingId, String paymentIntentId) {
	}

	@Autowired
	Jobs jobs;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JobBacklogGauges gauges;

	@Autowired
	@Qualifier("recorded")
	RecordingHandler recorded;

	@Autowired
	@Qualifier("flaky")
	RecordingHandler flaky;

	@Autowired
	@Qualifier("alwaysFails")
	RecordingHandler alwaysFails;

	TransactionalOperator transactions;
	JobRows rows;

	@BeforeEach
	void setUp() {
		transactions = TransactionalOperator.create(transactionManager);
		rows = new JobRows(db);
	}

	@Test
	void aJobEnqueuedInATransactionIsInvisibleUntilTheCommitThenRunsOnce() {
		var seenFromOutsideBeforeCommit = new AtomicLong(-1);
		Mono<Long> booking = jobs.enqueue(RECORDED, new Capture(42, "pi_123"))
			.flatMap(id -> countFromAnotherConnection(id).doOnNext(seenFromOutsideBeforeCommit::set).thenReturn(id));

		long id = transactions.transactional(booking).block();

		assertThat(seenFromOutsideBeforeCommit).as("the row is part of the caller's uncommitted transaction").hasValue(0);
		await().until(() -> "DONE".equals(rows.status(id)));
		assertThat(recorded.runs(id)).singleElement().satisfies(run -> {
			assertThat(run.job().attempts()).isEqualTo(1);
			assertThat(run.job().payload(Capture.class)).isEqualTo(new Capture(42, "pi_123"));
			assertThat(run.job().payload().path("paymentIntentId").asString()).isEqualTo("pi_123");
			assertThat(run.job().idempotencyKey()).matches("job-" + id + "-\\d+");
		});
		JobRow row = rows.find(id);
		assertThat(row.attempts()).isEqualTo(1);
		assertThat(row.finishedAt()).isNotNull();
		assertThat(row.lastError()).isNull();
		assertThat(meters.get("boxoffice.jobs.duration").tag("kind", RECORDED).tag("outcome", "success").timer().count()).isPositive();
	}

	@Test
	void aJobEnqueuedInATransactionThatRollsBackIsNeverWrittenNorRun() {
		var enqueued = new AtomicLong();
		Mono<Void> booking = jobs.enqueue(RECORDED, new Capture(7, "pi_rolled_back"))
			.doOnNext(enqueued::set)
			.then(Mono.error(new IllegalStateException("seat sold meanwhile")));

		StepVerifier.create(transactions.transactional(booking))
			.expectErrorMessage("seat sold meanwhile")
			.verify(Duration.ofSeconds(30));

		assertThat(enqueued.get()).as("the insert ran, inside the transaction").isPositive();
		assertThat(rows.find(enqueued.get())).isNull();
		long later = transactions.transactional(jobs.enqueue(RECORDED, new Capture(8, "pi_later"))).block();
		await().until(() -> "DONE".equals(rows.status(later)));
		assertThat(recorded.runs(enqueued.get())).isEmpty();
	}

	@Test
	void aJobThatFailsTwiceThenSucceedsIsDoneAfterThreeAttemptsWithGrowingPauses() {
		double retriedBefore = outcomes(FLAKY, "retried");
		double doneBefore = outcomes(FLAKY, "done");

		long id = jobs.enqueue(FLAKY, Map.of("bookingId", 1)).block();

		await().until(() -> "DONE".equals(rows.status(id)));
		JobRow row = rows.find(id);
		assertThat(row.attempts()).isEqualTo(3);
		assertThat(row.lastError()).isEqualTo("java.lang.IllegalStateException: card network unavailable (attempt 2)");
		List<Run> runs = flaky.runs(id);
		assertThat(runs).extracting(run -> run.job().attempts()).containsExactly(1, 2, 3);
		// backoff-base is 100ms: the first retry waits 50-100ms, the second 100-200ms.
		assertThat(Duration.between(runs.get(0).at(), runs.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(50));
		assertThat(Duration.between(runs.get(1).at(), runs.get(2).at())).isGreaterThanOrEqualTo(Duration.ofMillis(100));
		assertThat(outcomes(FLAKY, "retried") - retriedBefore).isEqualTo(2);
		assertThat(outcomes(FLAKY, "done") - doneBefore).isEqualTo(1);
	}

	@Test
	void aJobThatAlwaysFailsIsFailedAfterMaxAttemptsWithItsLastError() {
		double failedBefore = outcomes(ALWAYS_FAILS, "failed");

		long id = jobs.enqueue(ALWAYS_FAILS, Map.of("bookingId", 2)).block();

		await().until(() -> "FAILED".equals(rows.status(id)));
		JobRow row = rows.find(id);
		assertThat(row.attempts()).isEqualTo(3);
		assertThat(row.lastError()).isEqualTo("java.lang.IllegalStateException: card network unavailable (attempt 3)");
		assertThat(row.finishedAt()).isNotNull();
		assertThat(alwaysFails.runs(id)).hasSize(3);
		assertThat(outcomes(ALWAYS_FAILS, "failed") - failedBefore).isEqualTo(1);

		gauges.refresh().block();
		assertThat(meters.get("boxoffice.jobs.backlog").tag("status", "failed").gauge().value()).isGreaterThanOrEqualTo(1);
		assertThat(meters.get("boxoffice.jobs.backlog").tag("status", "pending").gauge()).isNotNull();
		assertThat(meters.get("boxoffice.jobs.oldest.due").timeGauge()).isNotNull();
	}

	@Test
	void aPermanentFailureGivesUpWithoutRetrying() {
		long id = jobs.enqueue(GIVES_UP, new Capture(3, "pi_gone")).block();

		await().until(() -> "FAILED".equals(rows.status(id)));
		JobRow row = rows.find(id);
		assertThat(row.attempts()).isEqualTo(1);
		assertThat(row.lastError()).isEqualTo("io.boxoffice.jobs.PermanentJobFailure: PaymentIntent pi_gone is already cancelled");
	}

	@Test
	void aJobOfAKindNoInstanceHandlesFailsClearlyOnceItIsOverdue() {
		long fresh = rows.insert("test.nobody-handles", "{}", 0);
		long overdue = rows.insert("test.nobody-handles", "{}", 3600);

		await().until(() -> "FAILED".equals(rows.status(overdue)));
		assertThat(rows.find(overdue).lastError()).startsWith("No JobHandler for kind 'test.nobody-handles' in this application");
		assertThat(rows.find(fresh)).as("left for an instance that may know the kind").satisfies(row -> {
			assertThat(row.status()).isEqualTo("PENDING");
			assertThat(row.attempts()).isZero();
		});
		rows.delete(fresh);
	}

	@Test
	void aJobCanBeScheduledForLater() {
		Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);

		long id = jobs.enqueue(RECORDED, Map.of("eventId", 5), tomorrow).block();

		JobRow row = rows.find(id);
		assertThat(row.status()).isEqualTo("PENDING");
		assertThat(row.runAt()).isEqualTo(tomorrow);
		assertThat(row.attempts()).isZero();
		rows.delete(id);
	}

	/** Reads on a connection of its own, outside any transaction the caller has open. */
	private Mono<Long> countFromAnotherConnection(long id) {
		return db.sql("SELECT count(*) FROM job WHERE id = :id")
			.bind("id", id)
			.map((row, meta) -> row.get(0, Long.class))
			.one()
			.contextWrite(context -> Context.empty());
	}

	private double outcomes(String kind, String outcome) {
		var counter = meters.find("boxoffice.jobs.outcomes").tag("kind", kind).tag("outcome", outcome).counter();
		return counter == null ? 0 : counter.count();
	}
}
