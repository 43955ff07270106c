package io.boxoffice.queue;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Place tickets: {@code <eventId>-<22 url-safe characters>} (128 random bits). The event id in front tells which
 * event's keys to read; the random part makes a ticket unguessable, since it is the secret of the waiting-room
 * socket.
 */
final class Tickets {

	/**
	 * A DRBG: seeded once (here, at class loading, which {@link #warmUp} brings forward to start-up) and then
	 * generating in memory, where the platform default would read {@code /dev/urandom} on an event loop.
	 */
	private static final SecureRandom RANDOM = drbg();
	private static final Pattern FORMAT = Pattern.compile("([0-9]{1,18})-[A-Za-z0-9_-]{22}");

	private Tickets() {
	}

	/** Loads the class, and so seeds the generator, off the event loops. */
	static void warmUp() {
		random();
	}

	/** A secure shuffle (the pre-queue draw). */
	static void shuffle(List<?> list) {
		Collections.shuffle(list, RANDOM);
	}

	static String next(long eventId) {
		return eventId + "-" + random();
	}

	/** A fresh admission token id. */
	static String random() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static OptionalLong eventOf(String ticket) {
		Matcher matcher = ticket == null ? null : FORMAT.matcher(ticket);
		return matcher != null && matcher.matches() ? OptionalLong.of(Long.parseLong(matcher.group(1))) : OptionalLong.empty();
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
