package io.boxoffice.tickets;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * Ticket secrets: 128 random bits from a SecureRandom, URL-safe base64 (22 characters), never derived from an id,
 * so knowing a booking, seat or ticket id tells nothing about the code that admits.
 */
final class TicketSecrets {

	static final int LENGTH = 22;

	/**
	 * A DRBG: seeded once when the class loads (brought forward to start-up by {@link TicketIssuing}) and then
	 * generating in memory, where the platform default would read {@code /dev/urandom} on an event loop.
	 */
	private static final SecureRandom RANDOM = drbg();

	private TicketSecrets() {
	}

	static String next() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** A random (version 4) ticket id; ids are not secrets, every read checks the owner. */
	static UUID nextId() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (bytes[i] & 0xff);
			low = (low << 8) | (bytes[i + 8] & 0xff);
		}
		return new UUID((high & ~0xF000L) | 0x4000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
	}

	private static SecureRandom drbg() {
		try {
			SecureRandom random = SecureRandom.getInstance("DRBG");
			random.nextBytes(new byte[16]);
			return random;
		}
		catch (NoSuchAlgorithmException missing) {
			throw new IllegalStateException("This JVM has no DRBG SecureRandom", missing);
		}
	}
}
