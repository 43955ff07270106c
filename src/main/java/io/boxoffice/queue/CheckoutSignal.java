package io.boxoffice.queue;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.boxoffice.edge.CheckoutPressure;

/**
 * The load-shedding signal as the waiting room uses it: the admission rate is multiplied by it, so fewer buyers are
 * admitted while checkout is being shed. Without a shedding component the factor is 1.
 */
@Component
class CheckoutSignal {

	private final ObjectProvider<CheckoutPressure> pressure;

	CheckoutSignal(ObjectProvider<CheckoutPressure> pressure) {
		this.pressure = pressure;
	}

	/** Between 0.1 and 1. */
	double admissionFactor() {
		CheckoutPressure current = pressure.getIfAvailable();
		double factor = current == null ? 1.0 : current.admissionFactor();
		return Double.isNaN(factor) ? 1.0 : Math.max(0.1, Math.min(1.0, factor));
	}
}
