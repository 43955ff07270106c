package io.boxoffice.holds;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HoldIdsTest {

	@Test
	void aHoldIdNamesItsEventAndAnythingElseNamesNone() {
		String id = HoldIds.next(42);

		assertThat(id).matches("42-[0-9a-f]{32}");
		assertThat(HoldIds.eventOf(id)).isEqualTo(OptionalLong.of(42));
		assertThat(HoldIds.next(42)).isNotEqualTo(id);
		for (String bad : List.of("", "42", "42-", "x-0123456789abcdef0123456789abcdef", "42-0123456789ABCDEF0123456789ABCDEF",
				"42-0123456789abcdef0123456789abcdef0", "-42-0123456789abcdef0123456789abcdef")) {
			assertThat(HoldIds.eventOf(bad)).as(bad).isEmpty();
		}
		assertThat(HoldIds.eventOf(null)).isEmpty();
	}

	@Test
	void theSameEventAndSeatsInAnyOrderAreTheSameRequest() {
		assertThat(HoldIdempotency.requestHash(1, List.of(3L, 1L, 2L))).isEqualTo(HoldIdempotency.requestHash(1, List.of(1L, 2L, 3L)))
			.isNotEqualTo(HoldIdempotency.requestHash(2, List.of(1L, 2L, 3L)))
			.isNotEqualTo(HoldIdempotency.requestHash(1, List.of(1L, 2L)));
	}
}
