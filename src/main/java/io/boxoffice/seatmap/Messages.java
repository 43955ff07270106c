package io.boxoffice.seatmap;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON of the messages a client receives, as the bytes that go on the wire. Only numbers and fixed words go
 * in, so they are written directly: a 20,000-seat snapshot is one array built once per version, and a delta one
 * array per change, each shared by every client (never a tree, nor a string encoded again per client).
 */
final class Messages {

	static final byte[] HEARTBEAT = "{\"type\":\"heartbeat\"}".getBytes(StandardCharsets.US_ASCII);

	private Messages() {
	}

	static byte[] snapshot(long version, Collection<Long> held, Collection<Long> sold) {
		var json = new StringBuilder(32 + 8 * (held.size() + sold.size()));
		json.append("{\"type\":\"snapshot\",\"version\":").append(version).append(",\"held\":");
		appendArray(json, held);
		json.append(",\"sold\":");
		appendArray(json, sold);
		return ascii(json.append('}'));
	}

	static byte[] delta(Delta changes) {
		var json = new StringBuilder(48 + 32 * changes.statuses().size());
		json.append("{\"type\":\"delta\",\"version\":").append(changes.version()).append(",\"changes\":[");
		boolean first = true;
		for (Map.Entry<Long, String> change : changes.statuses().entrySet()) {
			json.append(first ? "" : ",").append("{\"seatId\":").append(change.getKey())
				.append(",\"status\":\"").append(change.getValue()).append("\"}");
			first = false;
		}
		return ascii(json.append("]}"));
	}

	private static byte[] ascii(StringBuilder json) {
		return json.toString().getBytes(StandardCharsets.US_ASCII);
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
