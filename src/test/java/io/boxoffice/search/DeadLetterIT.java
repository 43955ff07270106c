package io.boxoffice.search;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

import io.boxoffice.outbox.Topics;
import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DeadLetterIT {

	@Autowired
	DatabaseClient db;

	@Value("${boxoffice.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void sendsUnusableAndUnknownEventChangesToTheDeadLetterTopicWithTheReason() {
		String garbledKey = "garbled-" + UUID.randomUUID();
		long unknownEvent = 9_000_000_000L + (long) (Math.random() * 1_000_000);
		var search = new SearchFixtures(db);
		search.outbox(Topics.CATALOG_EVENT_CHANGED, garbledKey, "EventUpdated", "{\"name\":\"no id here\"}");
		search.outbox(Topics.BOOKING_CHANGED, Long.toString(unknownEvent), "BookingConfirmed", "{\"eventId\":" + unknownEvent + "}");

		Map<String, String> reasons = new java.util.HashMap<>();
		try (var consumer = new KafkaConsumer<String, String>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
			consumer.subscribe(List.of("search.dead-letter"));
			long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (reasons.size() < 2 && System.nanoTime() < end) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
					var reason = record.headers().lastHeader("reason");
					if (reason != null && List.of(garbledKey, Long.toString(unknownEvent)).contains(record.key())) {
						reasons.put(record.key(), new String(reason.value(), StandardCharsets.UTF_8));
					}
				}
			}
		}

		assertThat(reasons).containsEntry(garbledKey, "no event id in the payload or key")
			.containsEntry(Long.toString(unknownEvent), "unknown event " + unknownEvent);
	}
}
