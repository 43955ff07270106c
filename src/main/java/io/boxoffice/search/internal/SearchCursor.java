package io.boxoffice.search.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import co.elastic.clients.elasticsearch._types.FieldValue;

/**
 * The {@code search_after} position: the sort it belongs to and the last hit's sort values. Opaque
 * to clients (base64url), so its format can change without breaking them.
 */
record SearchCursor(SearchSort sort, List<FieldValue> values) {

	String encode() {
		var plain = new StringBuilder(sort.name());
		for (FieldValue value : values) {
			plain.append('\n');
			if (value.isLong()) {
				plain.append('l').append(value.longValue());
			}
			else if (value.isDouble()) {
				plain.append('d').append(value.doubleValue());
			}
			else if (value.isString()) {
				plain.append('s').append(value.stringValue().replace('\n', ' '));
			}
			else {
				plain.append('n');
			}
		}
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The cursor in {@code token}, if it is one this API could have returned for {@code expected}: that sort's name,
	 * then exactly as many values as the sort has keys, each of the kind Elasticsearch gives for that key (a whole
	 * number for dates, prices and ids; a finite number, or "Infinity" for an event without a location, for scores and
	 * distances). Anything else is a 400 naming {@code cursor}; it must never reach Elasticsearch, whose refusal of a
	 * NaN or a mistyped value used to count against the search circuit breaker.
	 */
	static SearchCursor decode(String token, SearchSort expected) {
		return decode(token, expected, "cursor");
	}

	/** {@code parameter}: the name the client sent it under ({@code cursor}, or its older name {@code after}). */
	static SearchCursor decode(String token, SearchSort expected, String parameter) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
			SearchSort sort = SearchSort.valueOf(parts[0]);
			List<Key> keys = keys(sort);
			if (sort != expected || parts.length != keys.size() + 1) {
				throw new IllegalArgumentException("cursor of another sort");
			}
			List<FieldValue> values = new ArrayList<>();
			for (int i = 0; i < keys.size(); i++) {
				values.add(value(parts[i + 1], keys.get(i)));
			}
			return new SearchCursor(sort, values);
		}
		catch (RuntimeException malformed) {
			throw SearchProblems.invalidParameter(parameter,
					"'" + parameter + "' is not a cursor this API returned for this sort; use the 'next' value of a page");
		}
	}

	/** The kind of each sort key, in the order {@code EventSearch} sorts by them. */
	private enum Key {
		WHOLE, NUMBER
	}

	private static List<Key> keys(SearchSort sort) {
		return switch (sort) {
			case DATE -> List.of(Key.WHOLE, Key.WHOLE); // startsAt, id
			case PRICE -> List.of(Key.WHOLE, Key.WHOLE, Key.WHOLE); // minPrice (Long.MAX_VALUE when missing), startsAt, id
			case RELEVANCE, DISTANCE -> List.of(Key.NUMBER, Key.WHOLE, Key.WHOLE); // score or km, startsAt, id
		};
	}

	private static FieldValue value(String part, Key key) {
		char kind = part.charAt(0);
		String text = part.substring(1);
		if (kind == 'l') {
			return FieldValue.of(Long.parseLong(text));
		}
		if (key == Key.NUMBER && kind == 'd') {
			double number = Double.parseDouble(text);
			if (!Double.isFinite(number)) {
				throw new IllegalArgumentException("not a finite number");
			}
			return FieldValue.of(number);
		}
		if (key == Key.NUMBER && kind == 's' && text.equals("Infinity")) {
			return FieldValue.of(text); // Elasticsearch's distance to an event without a location, as it wrote it
		}
		throw new IllegalArgumentException("not a value of this sort key");
	}
}
