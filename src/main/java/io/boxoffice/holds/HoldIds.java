package io.boxoffice.holds;

import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Hold ids name their event ({@code <eventId>-<32 hex>}), so a hold is found from its id alone. They are
 * not secrets: every read and release checks the owner. (ThreadLocalRandom, not SecureRandom, which would
 * serialise every hold on one lock and read from /dev/urandom on an event loop.)
 */
final class HoldIds {

	private static final HexFormat HEX = HexFormat.of(); // String.format cost 1% of a hold's CPU (BENCHMARKS.md)

	private static final Pattern FORMAT = Pattern.compile("([0-9]{1,18})-[0-9a-f]{32}");

	private HoldIds() {
	}

	static String next(long eventId) {
		var random = ThreadLocalRandom.current();
		return eventId + "-" + HEX.toHexDigits(random.nextLong()) + HEX.toHexDigits(random.nextLong());
	}

	/** The event of a well-formed hold id; empty for anything else. */
	static OptionalLong eventOf(String holdId) {
		var matcher = holdId == null ? null : FORMAT.matcher(holdId);
		if (matcher == null || !matcher.matches()) {
			return OptionalLong.empty();
		}
		return OptionalLong.of(Long.parseLong(matcher.group(1)));
	}
}
