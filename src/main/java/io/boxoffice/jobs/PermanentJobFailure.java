package io.boxoffice.jobs;

/**
 * A failure that retrying cannot fix (say Stripe answers that the PaymentIntent is already
 * cancelled): the job is marked FAILED at once instead of waiting out its remaining attempts.
 */
public class PermanentJobFailure extends RuntimeException {

	public PermanentJobFailure(String message) {
		super(message);
	}

	public PermanentJobFailure(String message, Throwable cause) {
		super(message, cause);
	}
}
