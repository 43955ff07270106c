package io.boxoffice.queue;

import java.time.Instant;

/**
 * An event's waiting-room settings as every instance sees them: the live mode and pace (from Redis, else the
 * stored mode and the configured defaults) and the event's sale window (from the catalog).
 *
 * @param maxActiveBuyers admitted buyers whose turn or token is still running; 0 means no cap
 */
record LiveSettings(long eventId, QueueMode mode, double admitsPerSecond, int burst, int maxActiveBuyers, Instant onSaleAt,
		Instant startsAt) {

	QueueScripts.Pace pace(double pressureFactor) {
		return new QueueScripts.Pace(admitsPerSecond * pressureFactor, burst, maxActiveBuyers);
	}
}
