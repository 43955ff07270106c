package io.boxoffice.waitlist;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param offerTtl how long an offered hold is the buyer's before it passes to the next in line
 * @param checkInterval how often each event with waiters is checked for seats that came back; 0 turns the check off
 * @param maxSeats most seats one entry may ask for (keep it at or below {@code boxoffice.holds.max-seats-per-user-per-event})
 */
@ConfigurationProperties("boxoffice.waitlist")
record WaitlistSettings(
		@DefaultValue("30m") Duration offerTtl,
		@DefaultValue("5s") Duration checkInterval,
		@DefaultValue("10") int maxSeats) {

	WaitlistSettings {
		if (offerTtl.isNegative() || offerTtl.isZero() || checkInterval.isNegative() || maxSeats < 1) {
			throw new IllegalArgumentException("boxoffice.waitlist: offer-ttl must be positive, check-interval not negative, max-seats at least 1");
		}
	}
}
