package io.boxoffice.outbox;

/** The change-stream topics; records are keyed by event id, so one event's changes stay in order. */
public final class Topics {

	public static final String CATALOG_EVENT_CHANGED = "catalog.event-changed";
	public static final String BOOKING_CHANGED = "booking.changed";

	private Topics() {
	}
}
