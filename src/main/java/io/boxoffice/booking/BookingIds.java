package io.boxoffice.booking;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Booking ids are random UUIDs (version 4 layout). Not {@code UUID.randomUUID()}: its SecureRandom reads
 * /dev/urandom and serialises on one lock, on an event loop. They need not be secret: every read and change
 * checks the owner.
 */
final class BookingIds {

	private BookingIds() {
	}

	static UUID next() {
		var random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}
}
