package io.boxoffice.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": after the n-th failed attempt the job waits a random
 * time between half and all of {@code min(max, base * 2^(n-1))}. The jitter spreads out jobs that
 * failed together (a Stripe outage) so they do not all come back at once; the floor keeps every
 * retry a real backoff.
 */
final class Backoff {

	private final long baseMillis;
	private final long maxMillis;
	private final DoubleSupplier random;

	Backoff(Duration base, Duration max) {
		this(base, max, () -> ThreadLocalRandom.current().nextDouble());
	}

	/** @param random values in {@code [0, 1)} */
	Backoff(Duration base, Duration max, DoubleSupplier random) {
		this.baseMillis = base.toMillis();
		this.maxMillis = max.toMillis();
		this.random = random;
	}

	Duration delayAfter(int attempts) {
		int doublings = Math.max(attempts - 1, 0);
		long step = doublings >= 62 || baseMillis > (maxMillis >> doublings) ? maxMillis : baseMillis << doublings;
		long floor = step / 2;
		return Duration.ofMillis(floor + (long) (random.getAsDouble() * (step - floor)));
	}
}
