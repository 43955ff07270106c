package io.boxoffice.seatmap;

import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** Concurrent live seat map connections per client address on this instance, capped at {@code max-connections-per-ip}. */
@Component
class ConnectionLimits {

	private final int max;
	private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

	ConnectionLimits(SeatmapSettings settings) {
		this.max = settings.maxConnectionsPerIp();
	}

	boolean tryOpen(String address) {
		boolean[] granted = { false };
		open.compute(address, (key, count) -> {
			int now = count == null ? 0 : count;
			granted[0] = now < max;
			return granted[0] ? now + 1 : (count == null ? null : count);
		});
		return granted[0];
	}

	void close(String address) {
		open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
	}
}
