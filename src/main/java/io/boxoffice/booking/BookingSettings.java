package io.boxoffice.booking;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param paymentWindow how long a buyer has to pay once the booking exists; the hold is extended to match, once
 * @param cancelCutoff a confirmed booking may be cancelled (and refunded) until this long before the event starts
 * @param sweepInterval how often PENDING bookings past their window are expired
 * @param reconcileInterval how often PENDING bookings are compared with Stripe, for webhooks that never came
 * @param reconcileAfter a PENDING booking this old is reconciled
 * @param maxSeatsPerBuyer seats one buyer may have in one event: CONFIRMED and PENDING bookings plus the one being
 *        created (holds have their own, shorter-lived cap)
 */
@ConfigurationProperties("boxoffice.booking")
record BookingSettings(@DefaultValue("15m") Duration paymentWindow, @DefaultValue("24h") Duration cancelCutoff,
		@DefaultValue("10s") Duration sweepInterval, @DefaultValue("1m") Duration reconcileInterval,
		@DefaultValue("2m") Duration reconcileAfter, @DefaultValue("8") int maxSeatsPerBuyer) {

	BookingSettings {
		if (maxSeatsPerBuyer < 1) {
			throw new IllegalArgumentException("boxoffice.booking.max-seats-per-buyer must be at least 1, not " + maxSeatsPerBuyer);
		}
	}
}
