package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.boxoffice.edge.CheckoutPressure;

/**
 * Remembers how many checkout requests were let through and how many were shed, both fading with a half-life, and
 * turns that into the waiting room's admission factor: {@code 1 - shed / (shed + passed + 1)}, never below 0.1. The
 * {@code + 1} makes the factor climb back to 1 as the memory fades even when no checkout request arrives at all.
 */
class CheckoutSheds implements CheckoutPressure {

	static final double FLOOR = 0.1;

	private final Clock clock;
	private final double halfLifeMillis;
	private final AtomicReference<Counts> counts;

	CheckoutSheds(Clock clock, Duration halfLife) {
		this.clock = clock;
		this.halfLifeMillis = halfLife.toMillis();
		this.counts = new AtomicReference<>(new Counts(clock.millis(), 0, 0));
	}

	void passed() {
		long now = clock.millis();
		counts.updateAndGet(current -> current.at(now, halfLifeMillis).plus(0, 1));
	}

	void shed() {
		long now = clock.millis();
		counts.updateAndGet(current -> current.at(now, halfLifeMillis).plus(1, 0));
	}

	@Override
	public double admissionFactor() {
		Counts now = counts.get().at(clock.millis(), halfLifeMillis);
		return Math.max(FLOOR, 1 - now.shed() / (now.shed() + now.passed() + 1));
	}

	private record Counts(long atMillis, double shed, double passed) {

		Counts at(long nowMillis, double halfLifeMillis) {
			if (nowMillis <= atMillis) {
				return this;
			}
			double fade = Math.pow(0.5, (nowMillis - atMillis) / halfLifeMillis);
			return new Counts(nowMillis, shed * fade, passed * fade);
		}

		Counts plus(double moreShed, double morePassed) {
			return new Counts(atMillis, shed + moreShed, passed + morePassed);
		}
	}
}
