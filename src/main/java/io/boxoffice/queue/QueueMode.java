package io.boxoffice.queue;

import java.util.Locale;

/** How an event's sale is queued (the {@code event.queue_mode} column and the live copy in Redis). */
enum QueueMode {
	/** No waiting room: buyers hold seats directly. */
	OFF,
	/** Everyone queues; admissions only come from the ticking token bucket. */
	ON,
	/** Everyone queues, but a join is admitted at once while the bucket has room: no wait below the rate. */
	AUTO;

	boolean queued() {
		return this != OFF;
	}

	static QueueMode parse(String value, QueueMode fallback) {
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			return fallback;
		}
	}
}
