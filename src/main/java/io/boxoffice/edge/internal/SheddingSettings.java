package io.boxoffice.edge.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The adaptive concurrency limit of one instance (docs/load-shedding.md). The limit moves between {@code minLimit}
 * and {@code maxLimit} with the latency of admitted requests (Netflix concurrency-limits' Gradient2); the defaults
 * are far above what the test suite or a normal day sends at once, so shedding starts only in a real surge.
 *
 * @param enabled switch shedding off (the {@link io.boxoffice.edge.CheckoutPressure} then always says 1.0)
 * @param minLimit the limit never falls below this many requests in flight
 * @param maxLimit nor grows above this many
 * @param initialLimit where it starts
 * @param shares the share of the limit each partition is guaranteed while the instance is over the limit; below it
 *        any partition may borrow what the others leave idle
 * @param retryAfterMin a shed request is told to come back after a random whole number of seconds between this
 * @param retryAfterMax and this, so that a crowd shed at once does not come back at once
 * @param pressureHalfLife how fast the memory of shed checkout requests fades: the waiting room's admission factor
 *        recovers within a few of these once checkout stops shedding
 */
@ConfigurationProperties("boxoffice.edge.shedding")
public record SheddingSettings(@DefaultValue("true") boolean enabled, @DefaultValue("200") int minLimit,
		@DefaultValue("2000") int maxLimit, @DefaultValue("500") int initialLimit, @DefaultValue Shares shares,
		@DefaultValue("1s") Duration retryAfterMin, @DefaultValue("5s") Duration retryAfterMax,
		@DefaultValue("2s") Duration pressureHalfLife) {

	/** Guaranteed shares of the limit; they add up to at most 1. */
	public record Shares(@DefaultValue("0.6") double checkout, @DefaultValue("0.25") double queue,
			@DefaultValue("0.15") double reads) {

		public Shares {
			if (checkout < 0 || queue < 0 || reads < 0 || checkout + queue + reads > 1.0 + 1e-9) {
				throw new IllegalArgumentException("boxoffice.edge.shedding.shares must be non-negative and add up to at most 1, not "
						+ checkout + " + " + queue + " + " + reads);
			}
		}

		double of(ShedPartition partition) {
			return switch (partition) {
				case CHECKOUT -> checkout;
				case QUEUE -> queue;
				case READS -> reads;
			};
		}
	}

	public SheddingSettings {
		if (minLimit < 1 || initialLimit < minLimit || maxLimit < initialLimit) {
			throw new IllegalArgumentException("boxoffice.edge.shedding needs 1 <= min-limit <= initial-limit <= max-limit, not "
					+ minLimit + ", " + initialLimit + ", " + maxLimit);
		}
		if (retryAfterMin.toSeconds() < 1 || retryAfterMax.compareTo(retryAfterMin) < 0) {
			throw new IllegalArgumentException("boxoffice.edge.shedding needs 1s <= retry-after-min <= retry-after-max");
		}
		if (pressureHalfLife.isNegative() || pressureHalfLife.isZero()) {
			throw new IllegalArgumentException("boxoffice.edge.shedding.pressure-half-life must be positive");
		}
	}
}
