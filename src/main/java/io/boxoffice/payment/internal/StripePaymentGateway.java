package io.boxoffice.payment.internal;

import java.util.Locale;
import java.util.Objects;

import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentConfirmParams;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.PaymentIntentRetrieveParams;
import com.stripe.param.RefundCreateParams;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.payment.PaymentAuthorization;
import io.boxoffice.payment.PaymentConfirmation;
import io.boxoffice.payment.PaymentConfirmation.Outcome;
import io.boxoffice.payment.PaymentGateway;
import io.boxoffice.payment.PaymentProblems;
import io.boxoffice.payment.PaymentRejected;
import io.boxoffice.payment.PaymentState;
import io.boxoffice.payment.PaymentStatus;

/** {@link PaymentGateway} on Stripe's PaymentIntents with manual capture. */
@Component
class StripePaymentGateway implements PaymentGateway {

	static final String BOOKING_ID = "bookingId";
	private static final String UNEXPECTED_STATE = "payment_intent_unexpected_state";
	private static final String ALREADY_REFUNDED = "charge_already_refunded";
	private static final String PAYMENT_METHOD = "payment_method";

	private final StripeClient stripe;
	private final StripeCalls calls;

	StripePaymentGateway(StripeClient stripe, StripeCalls calls) {
		this.stripe = stripe;
		this.calls = calls;
	}

	@Override
	public Mono<PaymentAuthorization> authorize(String bookingId, long amountCents, String currency, String idempotencyKey) {
		if (amountCents <= 0) {
			throw new IllegalArgumentException("amountCents must be positive, not " + amountCents);
		}
		var params = PaymentIntentCreateParams.builder()
			.setAmount(amountCents)
			.setCurrency(currency.toLowerCase(Locale.ROOT))
			.setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
			.addPaymentMethodType("card")
			.putMetadata(BOOKING_ID, bookingId)
			.setDescription("Boxoffice booking " + bookingId)
			.build();
		var options = keyed(idempotencyKey);
		return calls.call("authorize", () -> stripe.v1().paymentIntents().create(params, options))
			.map(intent -> new PaymentAuthorization(intent.getId(), intent.getClientSecret(), StripeStates.of(intent)));
	}

	@Override
	public Mono<PaymentConfirmation> confirm(String paymentIntentId, String paymentMethod, String idempotencyKey) {
		Objects.requireNonNull(paymentIntentId, "paymentIntentId");
		Objects.requireNonNull(paymentMethod, "paymentMethod");
		var params = PaymentIntentConfirmParams.builder().setPaymentMethod(paymentMethod).build();
		var options = keyed(idempotencyKey);
		return calls.call("confirm", () -> {
			try {
				return confirmation(stripe.v1().paymentIntents().confirm(paymentIntentId, params, options));
			}
			catch (CardException declined) {
				// A decline is an answer, not a failure: the buyer may try another card on the same payment.
				String code = declined.getDeclineCode() != null ? declined.getDeclineCode() : declined.getCode();
				String message = declined.getStripeError() != null ? declined.getStripeError().getMessage() : declined.getMessage();
				return new PaymentConfirmation(Outcome.DECLINED, paymentIntentId, null, code, message);
			}
		}, confirmation -> switch (confirmation.outcome()) {
			case AUTHORIZED -> "success";
			case REQUIRES_ACTION -> "requires_action";
			case PROCESSING -> "processing";
			case DECLINED -> "declined";
		}).onErrorMap(PaymentRejected.class, rejected -> names(rejected, PAYMENT_METHOD)
				? PaymentProblems.paymentMethodInvalid(paymentMethod) : rejected);
	}

	/** Stripe blamed this parameter (a mistyped {@code payment_method} is a resource_missing on it). */
	private static boolean names(PaymentRejected rejected, String param) {
		return rejected.getCause() instanceof InvalidRequestException invalid && param.equals(invalid.getParam());
	}

	@Override
	public Mono<Void> capture(String paymentIntentId, String idempotencyKey) {
		var options = keyed(idempotencyKey);
		return calls.call("capture", () -> tolerating(PaymentState.CAPTURED, paymentIntentId,
				() -> stripe.v1().paymentIntents().capture(paymentIntentId, PaymentIntentCaptureParams.builder().build(), options)))
			.then();
	}

	@Override
	public Mono<Void> cancel(String paymentIntentId, String idempotencyKey) {
		return giveBack(paymentIntentId, idempotencyKey);
	}

	@Override
	public Mono<Void> refund(String paymentIntentId, String idempotencyKey) {
		return giveBack(paymentIntentId, idempotencyKey);
	}

	/**
	 * Voids or refunds, whichever the payment's state needs now: a void and a capture (or a refund and a late
	 * capture) may reach Stripe in either order, and the buyer must end with their money either way. Each of
	 * the two calls has its own key derived from the caller's, so a retry repeats the same call.
	 */
	private Mono<Void> giveBack(String paymentIntentId, String idempotencyKey) {
		Objects.requireNonNull(paymentIntentId, "paymentIntentId");
		keyed(idempotencyKey);
		return status(paymentIntentId).flatMap(now -> switch (now.state()) {
			case CANCELED -> Mono.<Void>empty();
			case CAPTURED -> now.isFullyRefunded() ? Mono.<Void>empty() : refundCaptured(paymentIntentId, idempotencyKey + "-refund");
			default -> voidUncaptured(paymentIntentId, idempotencyKey + "-void");
		});
	}

	private Mono<Void> voidUncaptured(String paymentIntentId, String idempotencyKey) {
		var options = keyed(idempotencyKey);
		return calls.call("cancel", () -> tolerating(PaymentState.CANCELED, paymentIntentId,
				() -> stripe.v1().paymentIntents().cancel(paymentIntentId, PaymentIntentCancelParams.builder().build(), options)))
			.then();
	}

	private Mono<Void> refundCaptured(String paymentIntentId, String idempotencyKey) {
		var params = RefundCreateParams.builder().setPaymentIntent(paymentIntentId).build();
		var options = keyed(idempotencyKey);
		return calls.call("refund", () -> {
			try {
				return stripe.v1().refunds().create(params, options).getId();
			}
			catch (InvalidRequestException e) {
				if (ALREADY_REFUNDED.equals(e.getCode())) {
					return "already refunded";
				}
				throw e;
			}
		}).then();
	}

	@Override
	public Mono<PaymentStatus> status(String paymentIntentId) {
		Objects.requireNonNull(paymentIntentId, "paymentIntentId");
		var params = PaymentIntentRetrieveParams.builder().addExpand("latest_charge").build();
		return calls.call("status", () -> StripeStates.status(stripe.v1().paymentIntents().retrieve(paymentIntentId, params,
				RequestOptions.getDefault())));
	}

	private static PaymentConfirmation confirmation(PaymentIntent intent) {
		String id = intent.getId();
		return switch (StripeStates.of(intent)) {
			// CAPTURED only with automatic capture, which authorize never asks for; the money is secured either way.
			case AUTHORIZED, CAPTURED -> new PaymentConfirmation(Outcome.AUTHORIZED, id, null, null, null);
			case REQUIRES_ACTION -> new PaymentConfirmation(Outcome.REQUIRES_ACTION, id, intent.getClientSecret(), null, null);
			case PROCESSING -> new PaymentConfirmation(Outcome.PROCESSING, id, null, null, null);
			default -> {
				var error = intent.getLastPaymentError();
				yield new PaymentConfirmation(Outcome.DECLINED, id, null, error != null ? StripeStates.failureCode(error) : null,
						error != null ? error.getMessage() : "The payment was not authorized.");
			}
		};
	}

	/**
	 * Runs a state change, treating "already in the target state" as success: a job retried with a new
	 * key, or a reconciler repeating what a webhook already caused, must not fail.
	 */
	private PaymentIntent tolerating(PaymentState target, String paymentIntentId, StripeCalls.StripeCall<PaymentIntent> change)
			throws StripeException {
		Objects.requireNonNull(paymentIntentId, "paymentIntentId");
		try {
			return change.run();
		}
		catch (InvalidRequestException e) {
			if (UNEXPECTED_STATE.equals(e.getCode())) {
				PaymentIntent current = stripe.v1().paymentIntents().retrieve(paymentIntentId, RequestOptions.getDefault());
				if (StripeStates.of(current) == target) {
					return current;
				}
			}
			throw e;
		}
	}

	private static RequestOptions keyed(String idempotencyKey) {
		if (idempotencyKey == null || idempotencyKey.isBlank()) {
			throw new IllegalArgumentException("every payment change needs an idempotency key");
		}
		return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
	}
}
