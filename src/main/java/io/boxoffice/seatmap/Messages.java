package io.boxoffice.seatmap;

import java.util.Collection;
import java.util.Map;

/**
 * The JSON text of the messages a client receives. Only numbers and fixed words go in, so they are written
 * directly: a 20,000-seat snapshot is one string built once per version, not a tree per client.
 */
final class Messages {

	static final String HEARTBEAT = "{\"type\":\"heartbeat\"}";

	private Messages() {
	}

	static String snapshot(long version, Collection<Long> held, Collection<Long> sold) {
		var json = new StringBuilder(32 + 8 * (held.size() + sold.size()));
		json.append("{\"type\":\"snapshot\",\"version\":").append(version).append(",\"held\":");
		appendArray(json, held);
		json.append(",\"sold\":");
		appendArray(json, sold);
		return json.append('}').toString();
	}

	static String delta(SeatChanges changes) {
		var json = new StringBuilder(48 + 32 * changes.statuses().size());
		json.append("{\"type\":\"delta\",\"version\":").append(changes.version()).append(",\"changes\":[");
		boolean first = true;
		for (Map.Entry<Long, String> change : changes.statuses().entrySet()) {
			json.append(first ? "" : ",").append("{\"seatId\":").append(change.getKey())
				.append(",\"status\":\"").append(change.getValue()).append("\"}");
			first = false;
		}
		return json.append("]}").toString();
	}

	private static void appendArray(StringBuilder json, Collection<Long> seats) {
		json.append('[');
		boolean first = true;
		for (Long seat : seats) {
			json.append(first ? "" : ",").append(seat);
			first = false;
		}
		json.append(']');
	}
}
