package io.boxoffice.jobs;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;

/** Reads {@code job} rows straight from the table, for assertions. */
class JobRows {

	record JobRow(long id, String kind, String status, int attempts, String lastError, Instant runAt, Instant finishedAt) {
	}

	private final DatabaseClient db;

	JobRows(DatabaseClient db) {
		this.db = db;
	}

	/** The row, or null if there is none. */
	JobRow find(long id) {
		return db.sql("SELECT id, kind, status, attempts, last_error, run_at, finished_at FROM job WHERE id = :id")
			.bind("id", id)
			.map((row, meta) -> new JobRow(row.get("id", Long.class), row.get("kind", String.class), row.get("status", String.class),
					row.get("attempts", Integer.class), row.get("last_error", String.class), row.get("run_at", Instant.class),
					row.get("finished_at", Instant.class)))
			.one()
			.block();
	}

	String status(long id) {
		JobRow row = find(id);
		return row == null ? null : row.status();
	}

	/** A row as another instance or an older version would have written it, due {@code dueSecondsAgo} ago. */
	long insert(String kind, String payloadJson, int dueSecondsAgo) {
		return db.sql("INSERT INTO job (kind, payload, run_at) VALUES (:kind, CAST(:payload AS jsonb), now() - :ago * interval '1 second') RETURNING id")
			.bind("kind", kind)
			.bind("payload", payloadJson)
			.bind("ago", dueSecondsAgo)
			.map((row, meta) -> row.get("id", Long.class))
			.one()
			.block();
	}

	void delete(long id) {
		db.sql("DELETE FROM job WHERE id = :id").bind("id", id).then().block();
	}
}
