package io.boxoffice.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * The estimated wait from a position and the admission rate: {@code low} if admissions run at the configured rate,
 * {@code high} if they run at the rate checkout pressure allows now, with half as much again for places skipped,
 * turns lost and a cap on active buyers. In the pre-queue the position is not drawn yet: the estimate runs from
 * opening, between the front and the back of the pre-queue.
 */
final class WaitEstimates {

	private WaitEstimates() {
	}

	static Place.Wait waiting(long position, LiveSettings settings, double pressureFactor) {
		return Place.Wait.between(atRate(position, settings.admitsPerSecond()),
				atRate(position, settings.admitsPerSecond() * pressureFactor).multipliedBy(3).dividedBy(2));
	}

	static Place.Wait preQueued(long preQueued, LiveSettings settings, double pressureFactor, Instant now) {
		Duration untilOpening = now.isBefore(settings.onSaleAt()) ? Duration.between(now, settings.onSaleAt()) : Duration.ZERO;
		Place.Wait back = waiting(preQueued, settings, pressureFactor);
		return Place.Wait.between(untilOpening, untilOpening.plus(Duration.parse(back.high())));
	}

	private static Duration atRate(long position, double perSecond) {
		return Duration.ofMillis((long) Math.ceil(Math.max(0, position - 1) * 1000.0 / perSecond));
	}
}
