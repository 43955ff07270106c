package io.boxoffice.booking;

/** PENDING → CONFIRMED | RELEASED | EXPIRED | FAILED; CONFIRMED → CANCELLED. */
public enum BookingStatus {
	PENDING, CONFIRMED, RELEASED, EXPIRED, FAILED, CANCELLED;

	boolean isFinal() {
		return this != PENDING && this != CONFIRMED;
	}
}
