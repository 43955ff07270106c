package io.boxoffice.payment;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.edge.Problem;

/** The payment problems, each with a stable type URI; the booking module answers with them. */
public final class PaymentProblems {

	public static final URI PAYMENT_DECLINED = URI.create("/problems/payment-declined");
	public static final URI PAYMENT_UNAVAILABLE = URI.create("/problems/payment-unavailable");
	public static final URI PAYMENT_REJECTED = URI.create("/problems/payment-rejected");
	public static final URI INVALID_WEBHOOK_SIGNATURE = URI.create("/problems/invalid-webhook-signature");
	public static final URI INVALID_WEBHOOK_PAYLOAD = URI.create("/problems/invalid-webhook-payload");

	private PaymentProblems() {
	}

	/**
	 * 402: the card was declined. The detail is Stripe's message, which is written for buyers; the
	 * decline code lets a client say more (e.g. {@code insufficient_funds}).
	 *
	 * @throws IllegalArgumentException if the confirmation is not a decline
	 */
	public static ErrorResponseException declined(PaymentConfirmation confirmation) {
		if (!confirmation.isDeclined()) {
			throw new IllegalArgumentException("not a decline: " + confirmation.outcome());
		}
		String detail = confirmation.message() != null ? confirmation.message() : "Your card was declined.";
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYMENT_REQUIRED, detail);
		problem.setType(PAYMENT_DECLINED);
		problem.setTitle("Payment declined");
		problem.setProperty("declineCode", confirmation.declineCode());
		return new Problem(HttpStatus.PAYMENT_REQUIRED, problem);
	}

	/** 400: the webhook's signature is missing, forged, made with another secret or too old. */
	public static ErrorResponseException invalidWebhookSignature(String detail) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(INVALID_WEBHOOK_SIGNATURE);
		problem.setTitle("Invalid webhook signature");
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	/** 400: the webhook is signed but is not a readable Stripe event. */
	public static ErrorResponseException invalidWebhookPayload(String detail) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(INVALID_WEBHOOK_PAYLOAD);
		problem.setTitle("Invalid webhook payload");
		return new Problem(HttpStatus.BAD_REQUEST, problem);
	}
}
