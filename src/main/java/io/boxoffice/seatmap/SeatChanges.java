package io.boxoffice.seatmap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One delta: the seats that changed up to {@code version}, each with its new status (held, free, sold). Its JSON is
 * written once, on first use, and shared by every client it goes to.
 */
final class SeatChanges {

	private final long version;
	private final Map<Long, String> statuses;
	private volatile byte[] json;

	SeatChanges(long version, Map<Long, String> statuses) {
		this.version = version;
		this.statuses = statuses;
	}

	long version() {
		return version;
	}

	Map<Long, String> statuses() {
		return statuses;
	}

	/** The {@code delta} message (a race writes it twice, equal both times). */
	byte[] json() {
		byte[] written = json;
		if (written == null) {
			written = Messages.delta(this);
			json = written;
		}
		return written;
	}

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

	@Override
	public boolean equals(Object other) {
		return other instanceof SeatChanges that && version == that.version && statuses.equals(that.statuses);
	}

	@Override
	public int hashCode() {
		return Objects.hash(version, statuses);
	}

	@Override
	public String toString() {
		return "SeatChanges[version=" + version + ", statuses=" + statuses + "]";
	}
}
