package io.boxoffice.holds;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeatIdSetTest {

	@Test
	void containsExactlyTheGivenIdsWhateverTheirOrderAndKeepsConsecutiveIdsAsOneRun() {
		SeatIdSet set = SeatIdSet.of(List.of(14L, 10L, 11L, 12L, 20L, 12L, 13L, 30L, 31L));

		assertThat(set.runs()).isEqualTo(3);
		for (long id : List.of(10L, 11L, 12L, 13L, 14L, 20L, 30L, 31L)) {
			assertThat(set.contains(id)).as("%d", id).isTrue();
		}
		for (long id : List.of(Long.MIN_VALUE, 0L, 9L, 15L, 19L, 21L, 29L, 32L, Long.MAX_VALUE)) {
			assertThat(set.contains(id)).as("%d", id).isFalse();
		}
	}

	@Test
	void anEmptySetContainsNothing() {
		assertThat(SeatIdSet.of(List.of()).contains(1)).isFalse();
	}
}
