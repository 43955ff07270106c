package io.boxoffice.queue;

import java.time.Duration;
import java.time.Instant;

/**
 * A place in an event's waiting room as its holder sees it.
 *
 * @param position places ahead, counting this one (0 when admitted); null in the pre-queue, before the draw
 * @param opensAt when the pre-queue is drawn (only while in it)
 * @param claimBy when an admitted, unclaimed turn is lost
 */
record Place(String ticket, long eventId, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) Long position, State state, Wait estimatedWait,
		@io.swagger.v3.oas.annotations.media.Schema(nullable = true) Instant opensAt, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) Instant claimBy) {

	enum State {
		WAITING, ADMITTED, EXPIRED
	}

	/** ISO-8601 durations, {@code low} assuming the configured rate, {@code high} the current (slowed) one plus margin. */
	record Wait(String low, String high) {

		static final Wait NONE = new Wait("PT0S", "PT0S");

		static Wait between(Duration low, Duration high) {
			return new Wait(seconds(low).toString(), seconds(high).toString());
		}

		private static Duration seconds(Duration duration) {
			return Duration.ofSeconds((duration.toMillis() + 999) / 1000);
		}
	}

	/** How long a polling client should wait before asking again (a fraction of the low estimate, 1..30 s). */
	long retryAfterSeconds() {
		if (state != State.WAITING) {
			return 1;
		}
		long low = Duration.parse(estimatedWait.low()).toSeconds();
		return Math.max(1, Math.min(30, low / 5));
	}
}
