package io.boxoffice.queue;

import java.util.ArrayList;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A waiting room's scripts take its line's keys with a ticket and an admission, and the hold script takes the
 * admission with the event's seat keys: on a Redis Cluster all of them must be on the event's slot.
 */
class QueueKeysTest {

	@Test
	void everyKeyOfOneEventsLineIsOnTheEventsSlot() {
		var keys = new QueueKeys(4242);
		var all = new ArrayList<>(keys.line());
		all.add(keys.ticket("t1"));
		all.add(keys.admission("jti-1"));

		assertThat(all).extracting(SlotHash::getSlot).containsOnly(SlotHash.getSlot("{4242}"));
	}
}
