package io.boxoffice.seatmap;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often a reader reads its stream even without a notification (lost notifications)
 * @param readBatchSize stream entries one XREAD takes
 * @param clientBuffer deltas queued for one client before they are coalesced into one
 * @param slowClientTimeout how long a client may stay coalescing (not keeping up) before it is closed (4408)
 * @param heartbeatInterval how often a {@code heartbeat} message goes to every client
 * @param maxReplay the most stream entries a {@code since} reconnect replays; further behind gets a snapshot
 * @param maxInboundMessages messages a client may send per {@code inboundWindow} before it is closed (4413)
 * @param inboundWindow see {@code maxInboundMessages}
 * @param maxConnectionsPerIp concurrent connections from one address on one instance (4429 past it)
 * @param batchAboveWatchers from this many watchers of one event on this instance, its reader sends at most one
 *        delta per {@code batchInterval} (every change it reads in that time, coalesced): each delta costs a socket
 *        write per watcher, so this bounds that cost by time instead of by the rate of changes
 * @param batchInterval see {@code batchAboveWatchers}
 * @param startTimeout how long an event's reader may take to start (the event looked up, its first snapshot read);
 *        past it the watchers waiting for it are closed with 1011 and may reconnect, instead of waiting unanswered
 */
@ConfigurationProperties("boxoffice.seatmap")
record SeatmapSettings(@DefaultValue("1s") Duration pollInterval, @DefaultValue("500") int readBatchSize,
		@DefaultValue("64") int clientBuffer, @DefaultValue("30s") Duration slowClientTimeout,
		@DefaultValue("15s") Duration heartbeatInterval, @DefaultValue("1000") int maxReplay,
		@DefaultValue("20") int maxInboundMessages, @DefaultValue("10s") Duration inboundWindow,
		@DefaultValue("50") int maxConnectionsPerIp, @DefaultValue("100") int batchAboveWatchers,
		@DefaultValue("100ms") Duration batchInterval, @DefaultValue("10s") Duration startTimeout) {

	SeatmapSettings {
		for (Duration duration : new Duration[] { pollInterval, slowClientTimeout, heartbeatInterval, inboundWindow, batchInterval,
				startTimeout }) {
			if (duration == null || duration.isZero() || duration.isNegative()) {
				throw new IllegalArgumentException("boxoffice.seatmap: durations must be positive");
			}
		}
		if (readBatchSize < 1 || clientBuffer < 1 || maxReplay < 0 || maxInboundMessages < 1 || maxConnectionsPerIp < 1
				|| batchAboveWatchers < 1) {
			throw new IllegalArgumentException("boxoffice.seatmap: counts and sizes must be at least 1");
		}
	}
}
