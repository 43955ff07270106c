package io.boxoffice.search;

import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.outbox.Topics;
import io.boxoffice.support.CatalogFixtures.TestEvent;

/** Adjusts fixture events for search tests and announces changes the way catalog and booking will: an outbox row. */
final class SearchFixtures {

	private final DatabaseClient db;

	SearchFixtures(DatabaseClient db) {
		this.db = db;
	}

	void place(TestEvent event, double lat, double lon) {
		db.sql("UPDATE event SET lat = :lat, lon = :lon WHERE id = :id").bind("lat", lat).bind("lon", lon).bind("id", event.id())
			.then().block();
	}

	/** Moves the event's venue to another time zone (the fixture venue is London's). */
	void zone(TestEvent event, String timeZone) {
		db.sql("UPDATE venue SET timezone = :zone WHERE id = :id").bind("zone", timeZone).bind("id", event.venueId()).then().block();
	}

	void price(TestEvent event, int cents) {
		db.sql("UPDATE price_tier SET price_cents = :cents WHERE event_id = :id").bind("cents", cents).bind("id", event.id())
			.then().block();
	}

	void catalogChanged(TestEvent event) {
		long version = db.sql("SELECT version FROM event WHERE id = :id").bind("id", event.id())
			.map((row, meta) -> row.get("version", Long.class)).one().block();
		outbox(Topics.CATALOG_EVENT_CHANGED, String.valueOf(event.id()), "EventUpdated",
				"{\"eventId\":" + event.id() + ",\"version\":" + version + "}");
	}

	void bookingChanged(TestEvent event) {
		outbox(Topics.BOOKING_CHANGED, String.valueOf(event.id()), "BookingConfirmed", "{\"eventId\":" + event.id() + "}");
	}

	void outbox(String topic, String key, String type, String payload) {
		db.sql("INSERT INTO outbox (topic, key, type, payload) VALUES (:topic, :key, :type, CAST(:payload AS jsonb))")
			.bind("topic", topic).bind("key", key).bind("type", type).bind("payload", payload).then().block();
	}
}
