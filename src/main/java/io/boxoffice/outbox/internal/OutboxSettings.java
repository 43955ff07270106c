package io.boxoffice.outbox.internal;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param relayEnabled whether this instance competes for relay leadership
 * @param pollInterval the safety net when a NOTIFY is missed
 * @param leaderRetry how often a follower tries to take the leadership
 * @param lockKey the {@code pg_advisory_lock} key that names the leader
 * @param topics created at start if missing (broker defaults for partitions and replication)
 */
@ConfigurationProperties("boxoffice.outbox")
record OutboxSettings(@DefaultValue("true") boolean relayEnabled, @DefaultValue("1s") Duration pollInterval,
		@DefaultValue("5s") Duration leaderRetry, @DefaultValue("100") int batchSize,
		@DefaultValue("500ms") Duration backoffBase, @DefaultValue("30s") Duration backoffMax,
		@DefaultValue("7431800") long lockKey, @DefaultValue("15s") Duration metricsInterval,
		@DefaultValue({ "catalog.event-changed", "booking.changed", "search.dead-letter" }) List<String> topics) {
}
