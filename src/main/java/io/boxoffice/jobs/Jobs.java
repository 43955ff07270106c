package io.boxoffice.jobs;

import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

/**
 * Enqueues durable side effects. The insert goes through the shared {@link DatabaseClient}, so
 * inside a {@code TransactionalOperator} or {@code @Transactional} flow it is part of the caller's
 * transaction: it commits with the caller's writes or not at all. After the commit the local
 * runner is nudged so the job starts at once; polling covers every other instance and restarts.
 * <pre>{@code
 * transactions.transactional(
 *     bookings.confirm(bookingId)
 *         .flatMap(booking -> jobs.enqueue("payment.capture", new Capture(booking.id(), booking.paymentIntentId()))
 *             .thenReturn(booking)))
 * }</pre>
 */
@Component
public class Jobs {

	private static final String INSERT = "INSERT INTO job (kind, payload) VALUES (:kind, :payload) RETURNING id";
	private static final String INSERT_AT = "INSERT INTO job (kind, payload, run_at) VALUES (:kind, :payload, :runAt) RETURNING id";

	private final DatabaseClient db;
	private final JsonMapper json;
	private final JobWakeUps wakeUps;
	// One instance, so that many enqueues in one transaction register (and nudge) once.
	private final TransactionSynchronization nudgeAfterCommit;

	Jobs(DatabaseClient db, JsonMapper json, JobWakeUps wakeUps) {
		this.db = db;
		this.json = json;
		this.wakeUps = wakeUps;
		this.nudgeAfterCommit = new TransactionSynchronization() {
			@Override
			public Mono<Void> afterCommit() {
				return Mono.fromRunnable(wakeUps::nudge);
			}
		};
	}

	/** Enqueues a job that is due as soon as the current transaction commits; emits its id. */
	public Mono<Long> enqueue(String kind, Object payload) {
		return insert(kind, payload, null);
	}

	/** Enqueues a job that is not due before {@code runAt}; emits its id. */
	public Mono<Long> enqueue(String kind, Object payload, Instant runAt) {
		return insert(kind, payload, Objects.requireNonNull(runAt, "runAt"));
	}

	/** Whether a job of one of these kinds whose payload has {@code field = value} is waiting or running. */
	public Mono<Boolean> isPending(Collection<String> kinds, String field, String value) {
		return db.sql("SELECT EXISTS (SELECT 1 FROM job WHERE status = 'PENDING' AND kind = ANY(:kinds) AND payload->>:field = :value) AS pending")
			.bind("kinds", kinds.toArray(String[]::new))
			.bind("field", field)
			.bind("value", value)
			.map((row, meta) -> row.get("pending", Boolean.class))
			.one();
	}

	private Mono<Long> insert(String kind, Object payload, Instant runAt) {
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("A job needs a kind");
		}
		Objects.requireNonNull(payload, "payload (use Map.of() for none)");
		return Mono.fromCallable(() -> Json.of(json.writeValueAsString(payload)))
			.flatMap(body -> {
				var insert = db.sql(runAt == null ? INSERT : INSERT_AT).bind("kind", kind).bind("payload", body);
				if (runAt != null) {
					insert = insert.bind("runAt", runAt);
				}
				return insert.map((row, meta) -> row.get("id", Long.class)).one();
			})
			.flatMap(id -> nudgeWhenCommitted().thenReturn(id));
	}

	private Mono<Void> nudgeWhenCommitted() {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.doOnNext(transaction -> {
				if (transaction.isSynchronizationActive()) {
					transaction.registerSynchronization(nudgeAfterCommit);
				}
				else {
					wakeUps.nudge();
				}
			})
			// No transaction: the insert has already committed on its own.
			.onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(wakeUps::nudge))
			.then();
	}
}
