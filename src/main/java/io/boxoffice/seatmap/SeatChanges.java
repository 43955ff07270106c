package io.boxoffice.seatmap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One delta: the seats that changed up to {@code version}, each with its new status (held, free, sold). */
record SeatChanges(long version, Map<Long, String> statuses) {

	/** Later changes win, seat by seat; the version is the newest. */
	static SeatChanges coalesce(List<SeatChanges> changes) {
		var statuses = new LinkedHashMap<Long, String>();
		long version = 0;
		for (SeatChanges change : changes) {
			statuses.putAll(change.statuses());
			version = Math.max(version, change.version());
		}
		return new SeatChanges(version, statuses);
	}

	/** A stream entry's fields: {@code v}, {@code op}, then seat id to status. */
	static SeatChanges fromEntry(Map<?, ?> fields) {
		var statuses = new LinkedHashMap<Long, String>();
		long version = 0;
		for (var field : fields.entrySet()) {
			String name = String.valueOf(field.getKey());
			if (name.equals("v")) {
				version = Long.parseLong(String.valueOf(field.getValue()));
			}
			else if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
				statuses.put(Long.parseLong(name), String.valueOf(field.getValue()));
			}
		}
		return new SeatChanges(version, statuses);
	}
}
