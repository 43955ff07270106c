package io.boxoffice.holds;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param ttl how long a hold lasts
 * @param maxSeatsPerHold seats one hold may take
 * @param maxSeatsPerUserPerEvent seats one user may hold at once in one event, over all their live holds
 * @param paymentWindow how far {@link SeatHolds#extend(String)} pushes a hold's expiry (once)
 * @param changesStreamMaxLength approximate length {@code changes:{evt}} is trimmed to
 * @param sweepInterval how often the sweeper ends expired holds
 * @param sweepBatchSize events per sweep, and holds per event per sweep
 * @param eventCacheSize events whose sale window and sellable seats are kept in memory
 * @param eventCacheTtl how long such an entry is trusted (catalog edits show up after at most this); then the event's row
 *        is read again, and its seats only if its version changed
 * @param expiryLockKey the {@code pg_advisory_lock} key that names the one instance expiring holds promptly
 *        ({@link PromptExpiry}); instances of one deployment share it, two deployments on one database must not
 * @param expiryLeaderRetry how often an instance that does not expire holds promptly tries to take that over, and how
 *        often the one that does checks it still may
 */
@ConfigurationProperties("boxoffice.holds")
record HoldSettings(@DefaultValue("10m") Duration ttl, @DefaultValue("10") int maxSeatsPerHold,
		@DefaultValue("10") int maxSeatsPerUserPerEvent, @DefaultValue("15m") Duration paymentWindow,
		@DefaultValue("10000") int changesStreamMaxLength, @DefaultValue("1s") Duration sweepInterval,
		@DefaultValue("100") int sweepBatchSize, @DefaultValue("1000") int eventCacheSize,
		@DefaultValue("1m") Duration eventCacheTtl, @DefaultValue("7431801") long expiryLockKey,
		@DefaultValue("5s") Duration expiryLeaderRetry) {

	HoldSettings {
		requirePositive("ttl", ttl);
		requirePositive("payment-window", paymentWindow);
		requirePositive("sweep-interval", sweepInterval);
		requirePositive("event-cache-ttl", eventCacheTtl);
		requirePositive("expiry-leader-retry", expiryLeaderRetry);
		if (maxSeatsPerHold < 1 || maxSeatsPerUserPerEvent < 1 || changesStreamMaxLength < 1 || sweepBatchSize < 1
				|| eventCacheSize < 1) {
			throw new IllegalArgumentException("boxoffice.holds: counts and sizes must be at least 1");
		}
	}

	private static void requirePositive(String name, Duration duration) {
		if (duration == null || duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException("boxoffice.holds." + name + " must be a positive duration");
		}
	}
}
