package io.boxoffice.jobs;

import reactor.core.publisher.Mono;

/**
 * Runs the jobs of one kind; the module that owns the side effect implements it as a bean.
 * A job runs at least once: after a timeout, a crash or an expired lease it runs again, so a
 * handler must be idempotent (pass {@link Job#idempotencyKey()} on to Stripe).
 */
public interface JobHandler {

	/** The kind this handler runs, e.g. {@code payment.capture}; one handler per kind. */
	String kind();

	/**
	 * Does the work. Complete empty when it is done; an error retries the job with backoff, or
	 * gives up at once if it is a {@link PermanentJobFailure}.
	 */
	Mono<Void> handle(Job job);

	/**
	 * True for side effects that must happen whatever it takes (a refund, a void, a capture): such a job is
	 * never marked FAILED. Past {@code max-attempts} it is "stuck": it goes on retrying every {@code stuck-retry-interval},
	 * each failure is logged at ERROR and counted, and operators see it in {@code boxoffice.jobs.stuck} and in
	 * {@link StuckJobs}. A {@link PermanentJobFailure} does not end it either.
	 */
	default boolean neverGivesUp() {
		return false;
	}
}
