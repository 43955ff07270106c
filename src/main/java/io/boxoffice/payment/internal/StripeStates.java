package io.boxoffice.payment.internal;

import com.stripe.model.Charge;
import com.stripe.model.PaymentIntent;
import com.stripe.model.StripeError;

import io.boxoffice.payment.PaymentState;
import io.boxoffice.payment.PaymentStatus;

/** Reads Stripe's PaymentIntents into the module's own vocabulary. */
final class StripeStates {

	private StripeStates() {
	}

	static PaymentState of(PaymentIntent intent) {
		return of(intent.getStatus());
	}

	static PaymentState of(String stripeStatus) {
		return switch (stripeStatus) {
			case "requires_payment_method" -> PaymentState.REQUIRES_PAYMENT_METHOD;
			case "requires_confirmation" -> PaymentState.REQUIRES_CONFIRMATION;
			case "requires_action" -> PaymentState.REQUIRES_ACTION;
			case "processing" -> PaymentState.PROCESSING;
			case "requires_capture" -> PaymentState.AUTHORIZED;
			case "succeeded" -> PaymentState.CAPTURED;
			case "canceled" -> PaymentState.CANCELED;
			default -> throw new IllegalStateException("unknown PaymentIntent status " + stripeStatus);
		};
	}

	/** Needs {@code latest_charge} expanded to know the refunded amount. */
	static PaymentStatus status(PaymentIntent intent) {
		Charge charge = intent.getLatestChargeObject();
		long refunded = charge != null && charge.getAmountRefunded() != null ? charge.getAmountRefunded() : 0;
		var error = intent.getLastPaymentError();
		return new PaymentStatus(intent.getId(), of(intent), orZero(intent.getAmount()), intent.getCurrency(),
				orZero(intent.getAmountCapturable()), orZero(intent.getAmountReceived()), refunded,
				bookingId(intent.getMetadata()), error != null ? failureCode(error) : null);
	}

	static String failureCode(StripeError error) {
		return error.getDeclineCode() != null ? error.getDeclineCode() : error.getCode();
	}

	static String bookingId(java.util.Map<String, String> metadata) {
		return metadata != null ? metadata.get(StripePaymentGateway.BOOKING_ID) : null;
	}

	private static long orZero(Long value) {
		return value != null ? value : 0;
	}
}
