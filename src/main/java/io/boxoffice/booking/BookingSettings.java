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
 */
@ConfigurationProperties("boxoffice.booking")
record BookingSettings(@DefaultValue("15m") Duration paymentWindow, @DefaultValue("24h") Duration cancelCutoff,
		@DefaultValue("10s") Duration sweepInterval, @DefaultValue("1m") Duration reconcileInterval,
		@DefaultValue("2m") Duration reconcileAfter) {
}
