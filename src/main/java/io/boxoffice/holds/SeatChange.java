package io.boxoffice.holds;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One change of an event's seats, as one script made it: the seats it touched, each with its new status, and the
 * event's version after it (versions count changes: 1, 2, 3, … with no gaps). {@code position} says where the change
 * is in the event's change stream, for {@link SeatChangeFeed#replay}; it means nothing else outside this module.
 */
public record SeatChange(long eventId, long version, String position, Map<Long, SeatStatus> seats) {

	public SeatChange {
		seats = Collections.unmodifiableMap(new LinkedHashMap<>(seats));
	}

	/**
	 * A stream entry's fields: {@code v} (the version), {@code op} (the script), then seat id to status. A field this
	 * reader does not know is skipped, so a newer writer may add some.
	 */
	static SeatChange fromEntry(long eventId, String position, Map<?, ?> fields) {
		var seats = new LinkedHashMap<Long, SeatStatus>();
		long version = 0;
		for (var field : fields.entrySet()) {
			String name = String.valueOf(field.getKey());
			if (name.equals("v")) {
				version = Long.parseLong(String.valueOf(field.getValue()));
			}
			else if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
				seats.put(Long.parseLong(name), SeatStatus.ofWord(String.valueOf(field.getValue())));
			}
		}
		return new SeatChange(eventId, version, position, seats);
	}
}
