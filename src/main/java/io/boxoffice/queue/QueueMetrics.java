package io.boxoffice.queue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The waiting room's meters. Counters count what this instance did (sum them over instances); the per-event gauges
 * show what this instance's last tick of the event saw (the same on every instance: take the max).
 */
@Component
class QueueMetrics {

	private final MeterRegistry meters;
	private final Counter joined;
	private final Counter admitted;
	private final Counter skipped;
	private final Counter tokensIssued;
	private final Counter expiredUnclaimed;
	private final Timer waited;
	private final Map<Long, EventGauges> events = new ConcurrentHashMap<>();

	QueueMetrics(MeterRegistry meters) {
		this.meters = meters;
		this.joined = Counter.builder("boxoffice.queue.joined").description("New places in waiting rooms").register(meters);
		this.admitted = Counter.builder("boxoffice.queue.admitted").description("Places admitted by this instance's ticks").register(meters);
		this.skipped = Counter.builder("boxoffice.queue.skipped").description("Left places passed over").register(meters);
		this.tokensIssued = Counter.builder("boxoffice.queue.tokens.issued").description("Admission tokens issued").register(meters);
		this.expiredUnclaimed = Counter.builder("boxoffice.queue.tokens.expired.unclaimed")
			.description("Admitted turns not claimed within the claim window").register(meters);
		this.waited = Timer.builder("boxoffice.queue.wait").description("From joining to being admitted")
			.publishPercentiles(0.5, 0.95, 0.99).register(meters);
	}

	void joined() {
		joined.increment();
	}

	void tokenIssued(Duration waitedFor) {
		tokensIssued.increment();
		waited.record(waitedFor);
	}

	void ticked(long eventId, QueueScripts.Tick tick, double admissionRate) {
		admitted.increment(tick.admitted());
		skipped.increment(tick.skipped());
		expiredUnclaimed.increment(tick.expiredUnclaimed());
		EventGauges gauges = events.computeIfAbsent(eventId, this::register);
		gauges.waiting.set(tick.waiting());
		gauges.activeBuyers.set(tick.activeBuyers());
		gauges.milliAdmitsPerSecond.set(Math.round(admissionRate * 1000));
	}

	private EventGauges register(long eventId) {
		var gauges = new EventGauges(new AtomicLong(), new AtomicLong(), new AtomicLong());
		String event = Long.toString(eventId);
		Gauge.builder("boxoffice.queue.waiting", gauges.waiting, AtomicLong::get).tag("event", event)
			.description("Places waiting (numbered, not yet admitted)").register(meters);
		Gauge.builder("boxoffice.queue.active.buyers", gauges.activeBuyers, AtomicLong::get).tag("event", event)
			.description("Admitted buyers whose turn or token is still running").register(meters);
		Gauge.builder("boxoffice.queue.admission.rate", gauges.milliAdmitsPerSecond, rate -> rate.get() / 1000.0).tag("event", event)
			.description("Effective admission rate (configured rate times the checkout-pressure factor), per second").register(meters);
		return gauges;
	}

	private record EventGauges(AtomicLong waiting, AtomicLong activeBuyers, AtomicLong milliAdmitsPerSecond) {
	}
}
