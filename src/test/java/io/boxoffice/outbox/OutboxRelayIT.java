package io.boxoffice.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@IntegrationTest
class OutboxRelayIT {

	@Autowired
	DatabaseClient db;

	@Value("${boxoffice.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void relaysEveryRowToKafkaKeyedInOrderAndDeletesItOnceAcknowledged() {
		String topic = "test.outbox-" + UUID.randomUUID();
		List<String> keys = List.of("101", "102", "103");
		OutboxRows rows = new OutboxRows(db);
		for (int sequence = 1; sequence <= 5; sequence++) {
			for (String key : keys) {
				rows.append(topic, key, sequence);
			}
		}

		List<ConsumerRecord<String, String>> received = OutboxRows.consume(bootstrapServers, topic, 15, Duration.ofSeconds(30));

		assertThat(received).hasSize(15);
		assertThat(OutboxRows.sequencesByKey(received)).containsOnlyKeys(keys)
			.allSatisfy((key, sequences) -> assertThat(sequences).containsExactly(1, 2, 3, 4, 5));
		assertThat(received.get(0).headers().lastHeader("type").value()).asString().isEqualTo("TestChanged");
		await().atMost(Duration.ofSeconds(5)).until(() -> rows.remaining(topic) == 0);
	}

	/** Outbox rows written straight to the table, as the appending modules' transactions will. */
	static final class OutboxRows {

		private final DatabaseClient db;

		OutboxRows(DatabaseClient db) {
			this.db = db;
		}

		void append(String topic, String key, int sequence) {
			db.sql("INSERT INTO outbox (topic, key, type, payload) VALUES (:topic, :key, 'TestChanged', CAST(:payload AS jsonb))")
				.bind("topic", topic).bind("key", key)
				.bind("payload", "{\"eventId\":" + key + ",\"sequence\":" + sequence + "}")
				.then().block();
		}

		long remaining(String topic) {
			return db.sql("SELECT count(*) AS n FROM outbox WHERE topic = :topic").bind("topic", topic)
				.map((row, meta) -> row.get("n", Long.class)).one().block();
		}

		static List<ConsumerRecord<String, String>> consume(String bootstrapServers, String topic, int expected, Duration deadline) {
			Map<String, Object> config = new HashMap<>();
			config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
			config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
			config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
			config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
			List<ConsumerRecord<String, String>> received = new ArrayList<>();
			try (var consumer = new KafkaConsumer<String, String>(config)) {
				consumer.subscribe(List.of(topic));
				long end = System.nanoTime() + deadline.toNanos();
				while (received.size() < expected && System.nanoTime() < end) {
					consumer.poll(Duration.ofMillis(200)).forEach(received::add);
				}
				// A little longer, to see duplicates or strays beyond the expected count.
				consumer.poll(Duration.ofMillis(500)).forEach(received::add);
			}
			return received;
		}

		/** The payloads' sequence numbers per key, in the order they were received. */
		static Map<String, List<Integer>> sequencesByKey(List<ConsumerRecord<String, String>> records) {
			Map<String, List<Integer>> byKey = new HashMap<>();
			for (var record : records) {
				String payload = record.value();
				int sequence = Integer.parseInt(payload.replaceAll(".*\"sequence\": ?(\\d+).*", "$1"));
				byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(sequence);
			}
			return byKey;
		}
	}
}
