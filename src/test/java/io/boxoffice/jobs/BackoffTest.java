package io.boxoffice.jobs;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

	private static final Duration BASE = Duration.ofSeconds(1);
	private static final Duration MAX = Duration.ofSeconds(10);

	@Test
	void doublesPerAttemptBetweenHalfAndAllOfTheStep() {
		var lowest = new Backoff(BASE, MAX, () -> 0.0);
		var highest = new Backoff(BASE, MAX, () -> 0.999_999);

		assertThat(lowest.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(highest.delayAfter(1)).isEqualTo(Duration.ofMillis(999));
		assertThat(lowest.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(highest.delayAfter(2)).isEqualTo(Duration.ofMillis(1999));
		assertThat(lowest.delayAfter(4)).isEqualTo(Duration.ofSeconds(4));
		assertThat(highest.delayAfter(4)).isEqualTo(Duration.ofMillis(7999));
	}

	@Test
	void neverWaitsLongerThanTheMaximumEvenAfterVeryManyAttempts() {
		var highest = new Backoff(BASE, MAX, () -> 0.999_999);
		var lowest = new Backoff(BASE, MAX, () -> 0.0);

		for (int attempts : new int[] { 5, 6, 40, 63, 64, 1000, Integer.MAX_VALUE }) {
			assertThat(highest.delayAfter(attempts)).isEqualTo(Duration.ofMillis(9999));
			assertThat(lowest.delayAfter(attempts)).isEqualTo(Duration.ofSeconds(5));
		}
	}

	@Test
	void jitterSpreadsRetriesOfJobsThatFailedTogether() {
		var backoff = new Backoff(BASE, MAX);

		var delays = java.util.stream.IntStream.range(0, 200).mapToObj(i -> backoff.delayAfter(3)).toList();

		assertThat(delays).allSatisfy(delay -> assertThat(delay).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4)));
		assertThat(delays.stream().distinct().count()).as("distinct delays among 200").isGreaterThan(50);
	}
}
