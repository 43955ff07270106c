package io.boxoffice.holds;

import java.util.List;

/**
 * The held and sold seats of an event at {@code version}, read in one script with {@code lastChangeId}, the id
 * of the newest entry of the event's change stream then: reading the stream after that id gives exactly the
 * changes with versions above {@code version}, in order. Outside this module {@code lastChangeId} is only a position
 * to give back to {@link SeatChangeFeed#replay}.
 */
public record SeatSnapshot(long eventId, long version, String lastChangeId, List<Long> held, List<Long> sold) {

	public SeatSnapshot {
		held = List.copyOf(held);
		sold = List.copyOf(sold);
	}
}
