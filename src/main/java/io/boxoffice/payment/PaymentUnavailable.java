package io.boxoffice.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Stripe could not be reached, failed (5xx, rate limit) or did not answer in time. The outcome of the
 * call is unknown: retry it with the same idempotency key, which returns the first result if Stripe did
 * act on it. Rendered as a 503 problem.
 */
public class PaymentUnavailable extends ErrorResponseException {

	private final String operation;
	private final String reason;

	public PaymentUnavailable(String operation, String reason, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(operation), cause);
		this.operation = operation;
		this.reason = reason;
	}

	/** What went wrong, for logs (the problem body does not say). */
	public String reason() {
		return reason;
	}

	@Override
	public String getMessage() {
		return "Stripe unavailable for " + operation + ": " + reason;
	}

	private static ProblemDetail problem(String operation) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The payment provider is unavailable; try again in a moment");
		problem.setType(PaymentProblems.PAYMENT_UNAVAILABLE);
		problem.setTitle("Payment unavailable");
		problem.setProperty("operation", operation);
		return problem;
	}
}
