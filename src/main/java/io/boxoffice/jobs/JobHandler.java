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
}
