package io.boxoffice.jobs;

import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** One claimed run of a job, as a {@link JobHandler} sees it. */
public final class Job {

	private final long id;
	private final String kind;
	private final int attempts;
	private final Instant createdAt;
	private final JsonNode payload;
	private final ObjectMapper json;

	Job(long id, String kind, int attempts, Instant createdAt, JsonNode payload, ObjectMapper json) {
		this.id = id;
		this.kind = kind;
		this.attempts = attempts;
		this.createdAt = createdAt;
		this.payload = payload;
		this.json = json;
	}

	public long id() {
		return id;
	}

	public String kind() {
		return kind;
	}

	/** Which run this is: 1 the first time, 2 on the first retry, and so on. */
	public int attempts() {
		return attempts;
	}

	public Instant createdAt() {
		return createdAt;
	}

	/** The payload as it was enqueued, as a JSON tree. */
	public JsonNode payload() {
		return payload;
	}

	/** The payload read as {@code type} (a record, or {@code Map.class}). */
	public <T> T payload(Class<T> type) {
		return json.treeToValue(payload, type);
	}

	/**
	 * The same for every run of this job and different for every other job, to pass to Stripe as
	 * its {@code Idempotency-Key}. The creation time is part of it because ids start again at 1
	 * when a database is recreated (tests, the demo) while Stripe remembers keys for 24 hours.
	 */
	public String idempotencyKey() {
		return "job-" + id + "-" + createdAt.toEpochMilli();
	}

	@Override
	public String toString() {
		return "Job[id=" + id + ", kind=" + kind + ", attempts=" + attempts + "]";
	}
}
