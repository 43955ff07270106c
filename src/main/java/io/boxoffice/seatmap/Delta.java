package io.boxoffice.seatmap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.boxoffice.holds.SeatChange;

/**
 * One {@code delta} message: the seats that changed up to {@code version}, each with its new status ({@code held},
 * {@code free}, {@code sold}). Its JSON is written once, on first use, and shared by every client it goes to.
 */
final class Delta {

	private final long version;
	private final Map<Long, String> statuses;
	private volatile byte[] json;

	Delta(long version, Map<Long, String> statuses) {
		this.version = version;
		this.statuses = statuses;
	}

	static Delta of(SeatChange change) {
		var statuses = new LinkedHashMap<Long, String>();
		change.seats().forEach((seat, status) -> statuses.put(seat, status.word()));
		return new Delta(change.version(), statuses);
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
	static Delta coalesce(List<Delta> changes) {
		var statuses = new LinkedHashMap<Long, String>();
		long version = 0;
		for (Delta change : changes) {
			statuses.putAll(change.statuses());
			version = Math.max(version, change.version());
		}
		return new Delta(version, statuses);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Delta that && version == that.version && statuses.equals(that.statuses);
	}

	@Override
	public int hashCode() {
		return Objects.hash(version, statuses);
	}

	@Override
	public String toString() {
		return "Delta[version=" + version + ", statuses=" + statuses + "]";
	}
}
