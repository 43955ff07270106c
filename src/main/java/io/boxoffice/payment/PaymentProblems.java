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
	public static final URI PAYMENT_METHOD_INVALID = URI.create("/problems/payment-method-invalid");
	public static final URI PRICE_BELOW_PAYMENT_MINIMUM = URI.create("/problems/price-below-payment-minimum");
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

	/**
	 * 422: the payment method the buyer sent does not exist (mistyped, or made with another Stripe account). The
	 * payment is unchanged: pay again with a valid one.
	 */
	public static ErrorResponseException paymentMethodInvalid(String paymentMethod) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "There is no payment method '"
				+ paymentMethod + "'. Check it (for example pm_card_visa) and pay again; nothing was charged.");
		problem.setType(PAYMENT_METHOD_INVALID);
		problem.setTitle("Payment method invalid");
		problem.setProperty("paymentMethod", paymentMethod);
		return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, problem);
	}

	/** 422: the amount is not free but under what the payment provider can charge in this currency. */
	public static ErrorResponseException belowMinimum(long amountCents, String currency) {
		long minimum = PaymentMinimums.minimumCents(currency);
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "These seats cost " + amountCents
				+ " (minor units of " + currency + "), less than the " + minimum + " a card payment must be at least; "
				+ "they cannot be sold online");
		problem.setType(PRICE_BELOW_PAYMENT_MINIMUM);
		problem.setTitle("Price below the payment minimum");
		problem.setProperty("amountCents", amountCents);
		problem.setProperty("currency", currency);
		problem.setProperty("minimumCents", minimum);
		return new Problem(HttpStatus.UNPROCESSABLE_CONTENT, problem);
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
