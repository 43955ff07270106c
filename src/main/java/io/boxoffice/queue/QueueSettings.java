package io.boxoffice.queue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param preQueueWindow how long before {@code on_sale_at} joins are accepted; everyone who joins in it is drawn
 *        in a random order at opening
 * @param admitsPerSecond default admission rate of an event whose rate was never set
 * @param burst default bucket size: admissions allowed at once after a quiet spell
 * @param claimWindow how long an admitted buyer has to claim their token before the turn is lost
 * @param tokenTtl validity of an admission token (and of its revocable id in Redis)
 * @param tokenSecret HMAC-SHA256 key for admission tokens, at least 32 bytes; when blank it is derived from
 *        {@code boxoffice.security.jwt-secret} (demo and tests), and with neither the service refuses to start
 * @param tickInterval how often each instance ticks the bucket of every event with people waiting
 * @param positionPollInterval how often an instance reads an event's "now serving" counter while it has watchers
 * @param configCacheTtl how long an instance trusts its copy of an event's live mode and rate (at most 1 s)
 * @param keyTtl how long an event's queue keys outlive its last join
 * @param maxSkipsPerTick left places one tick may pass over (each costs a set lookup)
 * @param maxWatchersPerIp waiting-room sockets one address may hold open on one instance
 */
@ConfigurationProperties("boxoffice.queue")
record QueueSettings(@DefaultValue("30m") Duration preQueueWindow, @DefaultValue("10") double admitsPerSecond,
		@DefaultValue("20") int burst, @DefaultValue("2m") Duration claimWindow, @DefaultValue("10m") Duration tokenTtl,
		String tokenSecret, @DefaultValue("200ms") Duration tickInterval, @DefaultValue("300ms") Duration positionPollInterval,
		@DefaultValue("1s") Duration configCacheTtl, @DefaultValue("2d") Duration keyTtl,
		@DefaultValue("1000") int maxSkipsPerTick, @DefaultValue("20") int maxWatchersPerIp) {

	QueueSettings {
		if (admitsPerSecond <= 0 || burst < 1 || maxSkipsPerTick < 1 || maxWatchersPerIp < 1) {
			throw new IllegalArgumentException("boxoffice.queue: admits-per-second, burst and counts must be positive");
		}
		if (configCacheTtl.compareTo(Duration.ofSeconds(1)) > 0) {
			throw new IllegalArgumentException("boxoffice.queue.config-cache-ttl must be at most 1s: a mode change must show at once");
		}
		for (Duration positive : new Duration[] { preQueueWindow, claimWindow, tokenTtl, tickInterval, positionPollInterval, keyTtl }) {
			if (positive.isNegative() || positive.isZero()) {
				throw new IllegalArgumentException("boxoffice.queue: durations must be positive");
			}
		}
	}
}
