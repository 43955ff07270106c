package io.boxoffice.booking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The position after the last booking of a page: its {@code (created_at, id)}, the keyset the list is ordered by
 * (newest first). Opaque to clients (base64url), so its format can change without breaking them.
 */
record BookingCursor(Instant createdAt, UUID id) {

	String encode() {
		String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/** A cursor this API returned; anything else is a 400 naming {@code cursor}. */
	static BookingCursor decode(String token) {
		try {
			String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\.", 3);
			return new BookingCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), UUID.fromString(parts[2]));
		}
		catch (RuntimeException malformed) {
			throw BookingProblems.invalidParameter("cursor", "'cursor' is not a cursor this API returned; use the 'next' value of a page");
		}
	}
}
