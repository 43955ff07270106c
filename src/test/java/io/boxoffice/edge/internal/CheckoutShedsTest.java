package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CheckoutShedsTest {

	private final SteppingClock clock = new SteppingClock();
	private final CheckoutSheds sheds = new CheckoutSheds(clock, Duration.ofSeconds(2));

	@Test
	void withNothingShedTheWaitingRoomAdmitsAtFullRate() {
		for (int i = 0; i < 1000; i++) {
			sheds.passed();
		}
		assertThat(sheds.admissionFactor()).isEqualTo(1.0);
	}

	@Test
	void theFactorFallsWithTheShareOfCheckoutThatIsShed() {
		for (int i = 0; i < 100; i++) {
			sheds.passed();
			sheds.shed();
		}
		assertThat(sheds.admissionFactor()).isCloseTo(0.5, within(0.01));
		for (int i = 0; i < 800; i++) {
			sheds.shed();
		}
		assertThat(sheds.admissionFactor()).isCloseTo(0.1, within(0.01));
	}

	@Test
	void neverBelowTheFloorHoweverMuchIsShed() {
		for (int i = 0; i < 100_000; i++) {
			sheds.shed();
		}
		assertThat(sheds.admissionFactor()).isEqualTo(CheckoutSheds.FLOOR);
	}

	@Test
	void recoversAsTheMemoryOfSheddingFadesEvenWithNoCheckoutTraffic() {
		for (int i = 0; i < 500; i++) {
			sheds.shed();
		}
		assertThat(sheds.admissionFactor()).isEqualTo(CheckoutSheds.FLOOR);
		clock.advance(Duration.ofSeconds(10)); // five half-lives: 500 -> ~16
		assertThat(sheds.admissionFactor()).isBetween(CheckoutSheds.FLOOR, 0.2);
		clock.advance(Duration.ofSeconds(20)); // fifteen: ~0.015
		assertThat(sheds.admissionFactor()).isGreaterThan(0.98);
	}

	@Test
	void olderShedsWeighLessThanRecentPasses() {
		for (int i = 0; i < 100; i++) {
			sheds.shed();
		}
		clock.advance(Duration.ofSeconds(4)); // 100 sheds now weigh 25
		for (int i = 0; i < 75; i++) {
			sheds.passed();
		}
		assertThat(sheds.admissionFactor()).isCloseTo(1 - 25.0 / 101, within(0.01));
	}

	private static final class SteppingClock extends Clock {

		private Instant now = Instant.parse("2026-12-01T10:00:00Z");

		void advance(Duration by) {
			now = now.plus(by);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("UTC only");
		}
	}
}
