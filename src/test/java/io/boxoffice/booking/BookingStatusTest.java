package io.boxoffice.booking;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole transition table, pair by pair: adding or removing a transition must change this test too. */
class BookingStatusTest {

	private static final List<String> ALLOWED = List.of(
			"PENDING -> CONFIRMED", "PENDING -> RELEASED", "PENDING -> EXPIRED", "PENDING -> FAILED",
			"CONFIRMED -> CANCELLED");

	@Test
	void exactlyTheDocumentedTransitionsAreAllowed() {
		List<String> allowed = new ArrayList<>();
		for (BookingStatus from : BookingStatus.values()) {
			for (BookingStatus to : BookingStatus.values()) {
				if (from.canBecome(to)) {
					allowed.add(from + " -> " + to);
				}
			}
		}
		assertThat(allowed).containsExactlyInAnyOrderElementsOf(ALLOWED);
	}

	@Test
	void noStateBecomesItself() {
		for (BookingStatus status : BookingStatus.values()) {
			assertThat(status.canBecome(status)).as(status.name()).isFalse();
		}
	}

	@Test
	void onlyPendingAndConfirmedAreNotFinal() {
		assertThat(BookingStatus.values()).filteredOn(status -> !status.isFinal())
			.containsExactlyInAnyOrder(BookingStatus.PENDING, BookingStatus.CONFIRMED);
	}

	@Test
	void theNextStatesAreTheAllowedOnes() {
		for (BookingStatus from : BookingStatus.values()) {
			for (BookingStatus to : BookingStatus.values()) {
				assertThat(from.next().contains(to)).as(from + " -> " + to).isEqualTo(ALLOWED.contains(from + " -> " + to));
			}
		}
	}
}
