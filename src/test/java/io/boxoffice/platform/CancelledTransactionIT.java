package io.boxoffice.platform;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The application's {@link TransactionalOperator} ({@link TransactionsRunToTheEnd}). A request whose client goes away cancels its transaction half way. The connection must go back to the pool with
 * the transaction rolled back: if it came back still in the transaction, later auto-commit statements on it would
 * never commit and its locks would block every writer (seen in a benchmark: row locks held for 11 minutes).
 */
@IntegrationTest
class CancelledTransactionIT {

	private static final long LOCK_KEY = 7_340_031;

	@Autowired
	DatabaseClient db;

	@Autowired
	TransactionalOperator transaction;

	@Autowired
	ReactiveTransactionManager transactionManager;

	@Test
	void transactionsCancelledAtAnyPointLeaveNoLockAndNoOpenTransactionBehind() {
		// Each transaction takes a transaction-scoped lock and works a little; each is cancelled at a random moment,
		// so some are cancelled while the pool hands out the connection, some during BEGIN, the lock or the work.
		Mono<Void> work = db.sql("SELECT pg_advisory_xact_lock_shared(:key)").bind("key", LOCK_KEY).then()
			.then(db.sql("SELECT pg_sleep(0.02)").then());
		Flux.range(0, 300)
			.flatMap(i -> transaction.transactional(work)
				.timeout(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 40)))
				.onErrorResume(TimeoutException.class, cancelled -> Mono.empty()), 20)
			.blockLast(Duration.ofMinutes(1));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(heldLocks()).as("advisory locks still held by cancelled transactions").isZero();
			assertThat(sessionsIdleInTransaction()).as("pooled sessions left inside a transaction").isZero();
		});
		// Every pooled connection commits an auto-commit statement again: a write is visible to another session.
		assertThat(Flux.range(0, 40).flatMap(i -> autoCommitStatus(), 20).collectList().block())
			.containsOnly("committed");
	}

	@Test
	void aTransactionWhoseCallerGoesAwayStillCommits() {
		AtomicReference<String> xid = new AtomicReference<>();
		Mono<Void> work = db.sql("SELECT txid_current()::text AS xid").map(row -> row.get("xid", String.class)).one()
			.doOnNext(xid::set)
			.then(db.sql("SELECT pg_sleep(0.3)").then());

		StepVerifier.create(transaction.transactional(work).timeout(Duration.ofMillis(100)))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(10));

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(xid.get()).as("the transaction got as far as its first statement").isNotNull();
			assertThat(status(xid.get())).isEqualTo("committed");
		});
	}

	@Test
	void aTransactionStillWorkingAfterTheLimitRollsBack() {
		// Stuck between two statements, as if waiting on a broker that does not answer. (A statement already running
		// is not interrupted: the rollback waits for it.)
		AtomicReference<String> xid = new AtomicReference<>();
		Mono<Void> work = db.sql("SELECT txid_current()::text AS xid").map(row -> row.get("xid", String.class)).one()
			.doOnNext(xid::set)
			.then(Mono.never());
		TransactionalOperator shortLimit = new TransactionConfiguration()
			.transactionalOperator(transactionManager, Duration.ofMillis(300));

		StepVerifier.create(shortLimit.transactional(work))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(10));

		assertThat(status(xid.get())).isEqualTo("aborted");
	}

	@Test
	void postgresEndsASessionLeftInsideATransaction() {
		String timeout = db.sql("SHOW idle_in_transaction_session_timeout").map(row -> row.get(0, String.class)).one().block();

		assertThat(timeout).isEqualTo("1min");
	}

	private String status(String xid) {
		return statusOf(xid).block();
	}

	/** committed, aborted or in progress. */
	private Mono<String> statusOf(String xid) {
		return db.sql("SELECT txid_status(CAST(:xid AS bigint)) AS status")
			.bind("xid", xid)
			.map(row -> row.get("status", String.class))
			.one();
	}

	private long heldLocks() {
		return db.sql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = :key AND granted")
			.bind("key", LOCK_KEY)
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

	private long sessionsIdleInTransaction() {
		// Older than a moment: a live transaction of the application is idle in transaction between two statements.
		return db.sql("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND state LIKE 'idle in transaction%'
				  AND state_change < clock_timestamp() - interval '1 second'
				""")
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

	/** Whether a statement run outside any transaction is committed when it ends (not if it ran inside a leftover). */
	private Mono<String> autoCommitStatus() {
		return db.sql("SELECT txid_current()::text AS xid")
			.map(row -> row.get("xid", String.class))
			.one()
			.flatMap(this::statusOf);
	}
}
