package io.boxoffice.seatmap;

import java.util.function.LongSupplier;

/** At most {@code max} messages per window from one client (which has nothing to say but pings). */
final class InboundLimit {

	private final int max;
	private final long windowNanos;
	private final LongSupplier nanoTime;
	private long windowStart;
	private int count;

	InboundLimit(int max, long windowNanos, LongSupplier nanoTime) {
		this.max = max;
		this.windowNanos = windowNanos;
		this.nanoTime = nanoTime;
		this.windowStart = nanoTime.getAsLong();
	}

	synchronized boolean allow() {
		long now = nanoTime.getAsLong();
		if (now - windowStart >= windowNanos) {
			windowStart = now;
			count = 0;
		}
		return ++count <= max;
	}
}
