package io.boxoffice.holds;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A change stream entry read as a {@link SeatChange}, and the hold keys' event read back. */
class SeatChangeTest {

	@Test
	void anEntryGivesItsVersionAndEachSeatsStatusAndSkipsOtherFields() {
		var fields = new LinkedHashMap<String, String>();
		fields.put("v", "7");
		fields.put("op", "sell");
		fields.put("101", "sold");
		fields.put("102", "free");
		fields.put("by", "someone");

		SeatChange change = SeatChange.fromEntry(42, "1-0", fields);

		assertThat(change).isEqualTo(new SeatChange(42, 7, "1-0", Map.of(101L, SeatStatus.SOLD, 102L, SeatStatus.FREE)));
		assertThat(change.seats().keySet()).containsExactly(101L, 102L);
	}

	@Test
	void aHoldKeyNamesItsEvent() {
		assertThat(HoldKeys.eventOfHold(HoldKeys.hold(9_876_543_210L, 12))).isEqualTo(9_876_543_210L);
	}
}
