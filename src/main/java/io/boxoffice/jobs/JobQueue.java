package io.boxoffice.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;

/**
 * The runner's statements on the {@code job} table. Each is one statement in its own short
 * transaction, never the caller's. Every time is the database's {@code now()}: leases are compared
 * across instances, so one clock (not each instance's) decides when a lease has expired, and it is
 * the same clock the table's {@code DEFAULT now()} uses when a job is enqueued.
 * <p>
 * A claim adds one to {@code attempts}; the updates that record an outcome only apply while the
 * row still has that attempt's number, so a runner that lost its lease cannot overwrite the
 * outcome of the run that took over.
 */
@Component
class JobQueue {

	private final DatabaseClient db;
	private final JsonMapper json;

	JobQueue(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * Claims up to {@code limit} due jobs of the given kinds (or of any kind once they are overdue
	 * by {@code unknownKindGrace}) and leases them: they are not due again until the lease expires.
	 * SKIP LOCKED lets several runners claim at once without waiting for or taking each other's rows.
	 */
	Flux<Job> claim(int limit, Collection<String> kinds, Duration lease, Duration unknownKindGrace) {
		return db.sql("""
				WITH due AS (
				    SELECT id FROM job
				    WHERE status = 'PENDING' AND run_at <= now()
				      AND (kind = ANY(:kinds) OR run_at <= now() - :graceMillis * interval '1 millisecond')
				    ORDER BY run_at
				    LIMIT :limit
				    FOR UPDATE SKIP LOCKED
				)
				UPDATE job SET attempts = job.attempts + 1, run_at = now() + :leaseMillis * interval '1 millisecond'
				FROM due WHERE job.id = due.id
				RETURNING job.id, job.kind, job.attempts, job.created_at, job.payload
				""")
			.bind("kinds", kinds.toArray(String[]::new))
			.bind("graceMillis", unknownKindGrace.toMillis())
			.bind("limit", limit)
			.bind("leaseMillis", lease.toMillis())
			.map((row, meta) -> new Job(
					row.get("id", Long.class),
					row.get("kind", String.class),
					row.get("attempts", Integer.class),
					row.get("created_at", Instant.class),
					json.readTree(row.get("payload", Json.class).asString()),
					json))
			.all();
	}

	/** False if the job's lease was lost to another run meanwhile. */
	Mono<Boolean> markDone(Job job) {
		return update(job, "status = 'DONE', finished_at = now()", spec -> spec);
	}

	Mono<Boolean> retryLater(Job job, String error, Duration delay) {
		return update(job, "last_error = :error, run_at = now() + :delayMillis * interval '1 millisecond'",
				spec -> spec.bind("error", error).bind("delayMillis", delay.toMillis()));
	}

	Mono<Boolean> markFailed(Job job, String error) {
		return update(job, "status = 'FAILED', finished_at = now(), last_error = :error", spec -> spec.bind("error", error));
	}

	private Mono<Boolean> update(Job job, String set, UnaryOperator<GenericExecuteSpec> binds) {
		var update = db.sql("UPDATE job SET " + set + " WHERE id = :id AND attempts = :attempts AND status = 'PENDING'")
			.bind("id", job.id())
			.bind("attempts", job.attempts());
		return binds.apply(update).fetch().rowsUpdated().map(updated -> updated > 0);
	}

	/**
	 * What the gauges show. The pending count reads the partial index on pending jobs; the failed
	 * count scans the table, which grows because DONE rows are kept (no retention yet).
	 */
	Mono<Backlog> backlog() {
		return db.sql("""
				SELECT (SELECT count(*) FROM job WHERE status = 'PENDING') AS pending,
				       (SELECT count(*) FROM job WHERE status = 'FAILED') AS failed,
				       (SELECT coalesce(extract(epoch FROM now() - min(run_at)) * 1000, 0)::bigint
				        FROM job WHERE status = 'PENDING' AND run_at <= now()) AS oldest_due_millis
				""")
			.map((row, meta) -> new Backlog(row.get("pending", Long.class), row.get("failed", Long.class),
					row.get("oldest_due_millis", Long.class)))
			.one();
	}

	/** @param oldestDueMillis how long the longest-waiting due job has been waiting for a runner */
	record Backlog(long pending, long failed, long oldestDueMillis) {
	}

	/** PENDING jobs past {@code maxAttempts} (only kinds that never give up stay PENDING that long), by kind. */
	Flux<Map.Entry<String, Long>> stuckByKind(int maxAttempts) {
		return db.sql("SELECT kind, count(*) AS stuck FROM job WHERE status = 'PENDING' AND attempts >= :max GROUP BY kind")
			.bind("max", maxAttempts)
			.map((row, meta) -> Map.entry(row.get("kind", String.class), row.get("stuck", Long.class)))
			.all();
	}
}
