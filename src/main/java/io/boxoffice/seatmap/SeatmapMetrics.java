package io.boxoffice.seatmap;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Connections and readers now; deltas sent and coalesced, and closes by reason, so far. */
@Component
class SeatmapMetrics {

	private final AtomicInteger connections = new AtomicInteger();
	private final AtomicInteger readers = new AtomicInteger();
	private final Counter deltasSent;
	private final Counter deltasCoalesced;
	private final MeterRegistry meters;

	SeatmapMetrics(MeterRegistry meters) {
		this.meters = meters;
		meters.gauge("boxoffice.seatmap.connections", connections);
		meters.gauge("boxoffice.seatmap.readers", readers);
		this.deltasSent = meters.counter("boxoffice.seatmap.deltas", "result", "sent");
		this.deltasCoalesced = meters.counter("boxoffice.seatmap.deltas", "result", "coalesced");
	}

	void connected() {
		connections.incrementAndGet();
	}

	void disconnected() {
		connections.decrementAndGet();
	}

	void readerStarted() {
		readers.incrementAndGet();
	}

	void readerStopped() {
		readers.decrementAndGet();
	}

	void deltaSent() {
		deltasSent.increment();
	}

	void deltasCoalesced(int count) {
		deltasCoalesced.increment(count);
	}

	void closed(int code) {
		meters.counter("boxoffice.seatmap.closes", "code", Integer.toString(code)).increment();
	}
}
