package io.boxoffice.outbox;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Appends a change for other systems to the {@code outbox} table. Call it inside the transaction that makes
 * the change: the row commits with it or not at all, and the relay sends it to Kafka afterwards.
 */
@Component
public class Outbox {

	private final DatabaseClient db;
	private final JsonMapper json;

	Outbox(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * @param topic Kafka topic, e.g. {@code booking.changed}
	 * @param key partition key (the event id, so that one event's changes stay in order)
	 * @param type what happened, past tense ({@code BookingConfirmed})
	 * @param payload serialized as JSON
	 */
	public Mono<Void> append(String topic, String key, String type, Object payload) {
		return db.sql("INSERT INTO outbox (topic, key, type, payload) VALUES (:topic, :key, :type, CAST(:payload AS jsonb))")
			.bind("topic", topic)
			.bind("key", key)
			.bind("type", type)
			.bind("payload", json.writeValueAsString(payload))
			.then();
	}
}
