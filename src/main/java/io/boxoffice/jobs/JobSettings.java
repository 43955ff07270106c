package io.boxoffice.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param runner {@code runner.enabled=false} leaves enqueued jobs pending (tests that inspect them,
 *        or instances that should only serve requests)
 * @param pollInterval how often the runner looks for due jobs when nothing nudged it: the delay
 *        for retries and for jobs enqueued on other instances
 * @param batchSize most jobs claimed by one query
 * @param concurrency most jobs one instance runs at the same time
 * @param lease how long a claimed job is reserved for its runner; if the runner dies the job is due
 *        again after this, so it must be longer than {@code handlerTimeout}
 * @param handlerTimeout a handler still running after this has failed (and is retried)
 * @param shutdownTimeout how long stopping waits for running handlers; the rest run again
 *        elsewhere when their lease expires
 * @param backoffBase wait after the first failed attempt (doubling per attempt, with jitter)
 * @param backoffMax the longest wait between attempts
 * @param maxAttempts attempts before a job is marked FAILED (or, for a job that never gives up, reported stuck)
 * @param stuckRetryInterval how often a stuck job (one that never gives up, past {@code maxAttempts}) runs
 *        again, with jitter between half and all of it
 * @param unknownKindGrace a runner claims only the kinds it has handlers for, so that during a
 *        rolling deploy an old instance leaves a new kind to the new instances; a job that no
 *        instance has claimed this long after it was due is failed by whichever runner sees it
 * @param metricsInterval how often the pending and failed counts are read for the gauges
 */
@ConfigurationProperties("boxoffice.jobs")
record JobSettings(
		@DefaultValue Runner runner,
		@DefaultValue("1s") Duration pollInterval,
		@DefaultValue("16") int batchSize,
		@DefaultValue("16") int concurrency,
		@DefaultValue("2m") Duration lease,
		@DefaultValue("30s") Duration handlerTimeout,
		@DefaultValue("10s") Duration shutdownTimeout,
		@DefaultValue("5s") Duration backoffBase,
		@DefaultValue("1h") Duration backoffMax,
		@DefaultValue("15") int maxAttempts,
		@DefaultValue("1h") Duration stuckRetryInterval,
		@DefaultValue("5m") Duration unknownKindGrace,
		@DefaultValue("15s") Duration metricsInterval) {

	record Runner(@DefaultValue("true") boolean enabled) {
	}

	JobSettings {
		require(positive(pollInterval) && positive(handlerTimeout) && positive(backoffBase) && positive(metricsInterval)
				&& positive(stuckRetryInterval), "poll-interval, handler-timeout, backoff-base, metrics-interval and "
						+ "stuck-retry-interval must be positive");
		require(batchSize > 0 && concurrency > 0 && maxAttempts > 0, "batch-size, concurrency and max-attempts must be at least 1");
		require(lease.compareTo(handlerTimeout) > 0, "lease (" + lease + ") must be longer than handler-timeout (" + handlerTimeout
				+ "), or a job could run twice at once");
		require(backoffMax.compareTo(backoffBase) >= 0, "backoff-max must not be shorter than backoff-base");
		require(!shutdownTimeout.isNegative() && !unknownKindGrace.isNegative(), "shutdown-timeout and unknown-kind-grace must not be negative");
	}

	private static boolean positive(Duration duration) {
		return duration.compareTo(Duration.ZERO) > 0;
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException("boxoffice.jobs: " + message);
		}
	}
}
