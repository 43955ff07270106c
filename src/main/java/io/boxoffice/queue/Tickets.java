package io.boxoffice.queue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Place tickets: {@code <eventId>-<22 url-safe characters>} (128 random bits). The event id in front tells which
 * event's keys to read; the random part makes a ticket unguessable, since it is the secret of the waiting-room
 * socket.
 */
final class Tickets {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final Pattern FORMAT = Pattern.compile("([0-9]{1,18})-[A-Za-z0-9_-]{22}");

	private Tickets() {
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
}
