package io.boxoffice.waitlist;

import java.time.Instant;
import java.util.List;

/** One row of {@code waitlist_entry}; the offer fields are set while (and after) it is OFFERED. */
record WaitlistEntry(long id, long eventId, String userId, int seats, Long sectionId, Status status, String holdId,
		List<Long> offeredSeatIds, Instant offerExpiresAt, Instant createdAt) {

	enum Status {
		WAITING, OFFERED, CONVERTED, EXPIRED, LEFT
	}
}
