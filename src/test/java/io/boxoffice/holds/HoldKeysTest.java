package io.boxoffice.holds;

import java.util.List;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A Redis Cluster runs a script only if all its keys are on one slot: every key of one event must share it. */
class HoldKeysTest {

	@Test
	void everyKeyOfOneEventIsOnTheEventsSlot() {
		long eventId = 4242;
		List<String> keys = List.of(HoldKeys.hold(eventId, 7), HoldKeys.record(eventId, "h1"), HoldKeys.userHolds(eventId, "ada"),
				HoldKeys.sold(eventId), HoldKeys.version(eventId), HoldKeys.changes(eventId), HoldKeys.expiries(eventId));

		assertThat(keys).extracting(SlotHash::getSlot).containsOnly(SlotHash.getSlot("{" + eventId + "}"));
	}

	@Test
	void theExpiryIndexIsSpreadOverShardsOfTheirOwnSlots() {
		assertThat(java.util.stream.IntStream.range(0, HoldKeys.EXPIRY_SHARDS).mapToObj(HoldKeys::expiryShard)
			.map(SlotHash::getSlot).distinct()).hasSize(HoldKeys.EXPIRY_SHARDS);
	}
}
