package io.boxoffice.edge;

/**
 * How hard the checkout path (holds and bookings) is being shed right now on this instance, so the
 * waiting room can admit fewer buyers while checkout is overloaded (see docs/load-shedding.md).
 */
public interface CheckoutPressure {

	/** 1.0 when checkout is not shedding; lower (never below 0.1) while it is. */
	double admissionFactor();
}
