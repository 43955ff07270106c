package io.boxoffice.payment;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Stripe refused the request and retrying it unchanged will not help: the payment is in a state that
 * does not allow the operation (e.g. capturing a canceled payment), it does not exist, an idempotency key
 * was reused with other arguments, or the API key is wrong. Rendered as a 502 problem: it is never the
 * buyer's fault, and Stripe's explanation stays in the logs.
 */
public class PaymentRejected extends ErrorResponseException {

	private final String operation;
	private final String code;
	private final String reason;

	public PaymentRejected(String operation, String code, String reason, Throwable cause) {
		super(HttpStatus.BAD_GATEWAY, problem(operation), cause);
		this.operation = operation;
		this.code = code;
		this.reason = reason;
	}

	/** Stripe's error code (e.g. {@code payment_intent_unexpected_state}, {@code resource_missing}), or {@code null}. */
	public String code() {
		return code;
	}

	/** Stripe's explanation, for logs. */
	public String reason() {
		return reason;
	}

	@Override
	public String getMessage() {
		return "Stripe rejected " + operation + " (" + code + "): " + reason;
	}

	private static ProblemDetail problem(String operation) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, "The payment provider refused the request");
		problem.setType(PaymentProblems.PAYMENT_REJECTED);
		problem.setTitle("Payment rejected");
		problem.setProperty("operation", operation);
		return problem;
	}
}
