package io.boxoffice.booking;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A booking's states and the changes allowed between them (docs/bookings-and-payments.md, "Booking states"):
 * PENDING → CONFIRMED | RELEASED | EXPIRED | FAILED; CONFIRMED → CANCELLED; the rest are final.
 * {@link BookingLifecycle} refuses any other change.
 */
public enum BookingStatus {
	PENDING, CONFIRMED, RELEASED, EXPIRED, FAILED, CANCELLED;

	private static final Map<BookingStatus, Set<BookingStatus>> NEXT = new EnumMap<>(BookingStatus.class);

	static {
		NEXT.put(PENDING, EnumSet.of(CONFIRMED, RELEASED, EXPIRED, FAILED));
		NEXT.put(CONFIRMED, EnumSet.of(CANCELLED));
		for (BookingStatus status : values()) {
			NEXT.compute(status, (s, next) -> Collections.unmodifiableSet(next == null ? EnumSet.noneOf(BookingStatus.class) : next));
		}
	}

	/** The states a booking in this state may change to. */
	Set<BookingStatus> next() {
		return NEXT.get(this);
	}

	boolean canBecome(BookingStatus to) {
		return next().contains(to);
	}

	boolean isFinal() {
		return next().isEmpty();
	}
}
