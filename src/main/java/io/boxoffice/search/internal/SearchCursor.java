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

	static SearchCursor decode(String token, SearchSort expected) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
			SearchSort sort = SearchSort.valueOf(parts[0]);
			if (sort != expected || parts.length < 2) {
				throw new IllegalArgumentException("cursor of another sort");
			}
			List<FieldValue> values = new ArrayList<>();
			for (int i = 1; i < parts.length; i++) {
				String part = parts[i];
				values.add(switch (part.charAt(0)) {
					case 'l' -> FieldValue.of(Long.parseLong(part.substring(1)));
					case 'd' -> FieldValue.of(Double.parseDouble(part.substring(1)));
					case 's' -> FieldValue.of(part.substring(1));
					case 'n' -> FieldValue.NULL;
					default -> throw new IllegalArgumentException("unknown value kind");
				});
			}
			return new SearchCursor(sort, values);
		}
		catch (RuntimeException malformed) {
			throw SearchProblems.invalidParameter("after",
					"'after' is not a cursor this API returned for this sort; use the 'next' value of a page");
		}
	}
}
