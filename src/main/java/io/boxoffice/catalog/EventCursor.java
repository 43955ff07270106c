package io.boxoffice.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The keyset position after the last event of a page: its start time and id. Opaque to clients
 * (base64), so its format can change without breaking them.
 */
record EventCursor(Instant startsAt, long id) {

	/**
	 * Seconds and nanoseconds: a start time is stored to the microsecond, and a cursor rounded to the millisecond
	 * would be before its own event, which the next page would then repeat.
	 */
	String encode() {
		String plain = startsAt.getEpochSecond() + "." + startsAt.getNano() + ":" + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	static EventCursor decode(String token) {
		return decode(token, "cursor");
	}

	/** {@code parameter}: the name the client sent it under ({@code cursor}, or its older name {@code after}). */
	static EventCursor decode(String token, String parameter) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split(":");
			if (parts.length != 2) {
				throw new IllegalArgumentException("expected two parts");
			}
			String[] time = parts[0].split("\\.");
			Instant startsAt = time.length == 2 ? Instant.ofEpochSecond(Long.parseLong(time[0]), Long.parseLong(time[1]))
					: Instant.ofEpochMilli(Long.parseLong(parts[0])); // a cursor issued before the nanoseconds were kept
			return new EventCursor(startsAt, Long.parseLong(parts[1]));
		}
		catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException malformed) {
			throw CatalogProblems.invalidParameter(parameter, "'" + parameter + "' is not a cursor this API returned; use the 'next' value of a page");
		}
	}
}
