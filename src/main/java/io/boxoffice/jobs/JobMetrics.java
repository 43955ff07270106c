package io.boxoffice.jobs;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/** What happened to job runs, by kind. The backlog gauges are in {@link JobBacklogGauges}. */
@Component
class JobMetrics {

	private final MeterRegistry registry;

	JobMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void done(String kind) {
		outcome(kind, "done");
	}

	void retried(String kind) {
		outcome(kind, "retried");
	}

	void failed(String kind) {
		outcome(kind, "failed");
	}

	/** A job that never gives up failed again past max-attempts. */
	void stuck(String kind) {
		outcome(kind, "stuck");
	}

	/** How long the handler took, successful or not. */
	void handled(String kind, boolean succeeded, long nanos) {
		Timer.builder("boxoffice.jobs.duration")
			.description("Time spent in job handlers")
			.tag("kind", kind)
			.tag("outcome", succeeded ? "success" : "error")
			.register(registry)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	private void outcome(String kind, String outcome) {
		Counter.builder("boxoffice.jobs.outcomes")
			.description("Job runs by kind and outcome: done, retried (failed, will run again), failed (gave up) or stuck (failed past max-attempts, never given up)")
			.tag("kind", kind)
			.tag("outcome", outcome)
			.register(registry)
			.increment();
	}
}
