package io.boxoffice.holds;

import java.time.Instant;
import java.util.List;

/**
 * A live hold: {@code userId} (the token subject) has {@code seatIds} of {@code eventId} until
 * {@code expiresAt}. {@code extended} says the one extension for the payment window was used.
 */
public record Hold(String id, long eventId, String userId, List<Long> seatIds, Instant expiresAt, boolean extended) {

	public Hold {
		seatIds = List.copyOf(seatIds);
	}
}
