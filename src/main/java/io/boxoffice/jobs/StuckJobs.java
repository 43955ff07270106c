package io.boxoffice.jobs;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The dead-letter view: jobs that need a person. That is every job still PENDING after {@code max-attempts}
 * (it keeps retrying, see {@link JobHandler#neverGivesUp()}) and every FAILED one, oldest first. The module
 * that owns a kind shows its own (booking's {@code GET /api/admin/payment-jobs?state=stuck}).
 */
@Component
public class StuckJobs {

	private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
	};

	private final DatabaseClient db;
	private final JsonMapper json;
	private final JobSettings settings;

	StuckJobs(DatabaseClient db, JsonMapper json, JobSettings settings) {
		this.db = db;
		this.json = json;
		this.settings = settings;
	}

	/**
	 * @param status PENDING (stuck, still retrying) or FAILED (given up)
	 * @param nextAttemptAt when a PENDING job runs again; null for FAILED
	 */
	public record StuckJob(long id, String kind, String status, int attempts, Instant createdAt, Instant nextAttemptAt,
			String lastError, Map<String, Object> payload) {
	}

	/** Stuck and failed jobs of these kinds, oldest first, at most {@code limit}. */
	public Flux<StuckJob> of(Collection<String> kinds, int limit) {
		return db.sql("""
				SELECT id, kind, status, attempts, created_at, run_at, last_error, payload FROM job
				WHERE kind = ANY(:kinds) AND ((status = 'PENDING' AND attempts >= :max) OR status = 'FAILED')
				ORDER BY created_at LIMIT :limit
				""")
			.bind("kinds", kinds.toArray(String[]::new))
			.bind("max", settings.maxAttempts())
			.bind("limit", limit)
			.map((row, meta) -> {
				String status = row.get("status", String.class);
				return new StuckJob(row.get("id", Long.class), row.get("kind", String.class), status,
						row.get("attempts", Integer.class), row.get("created_at", Instant.class),
						"PENDING".equals(status) ? row.get("run_at", Instant.class) : null, row.get("last_error", String.class),
						json.readValue(row.get("payload", Json.class).asString(), MAP));
			})
			.all();
	}
}
