package io.boxoffice.outbox.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.kafka.receiver.KafkaReceiver;
import reactor.kafka.receiver.ReceiverOptions;
import reactor.kafka.sender.KafkaSender;
import reactor.kafka.sender.SenderOptions;
import reactor.kafka.sender.SenderRecord;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.boxoffice.outbox.ChangeStream;
import io.boxoffice.outbox.ReceivedChange;

/**
 * The one adapter over reactor-kafka (discontinued upstream; its transactional path breaks with
 * kafka-clients 4, so it is not used). The producer is idempotent with {@code acks=all} and at most 5
 * requests in flight, so the broker keeps each partition in send order even across retries.
 */
@Component
class ReactorKafka implements ChangeStream, DisposableBean {

	static final String TYPE_HEADER = "type";

	private final KafkaSettings settings;
	private final Admin admin;
	// KafkaProducer#send may block for metadata: keep it off Reactor's non-blocking threads.
	private final Scheduler sendScheduler = Schedulers.newBoundedElastic(1, Integer.MAX_VALUE, "outbox-sender");
	private final KafkaSender<String, String> sender;

	ReactorKafka(KafkaSettings settings, Admin admin) {
		this.settings = settings;
		this.admin = admin;
		this.sender = KafkaSender.create(SenderOptions.<String, String>create(producerProperties(settings))
			.scheduler(sendScheduler)
			.stopOnError(true));
	}

	private static Map<String, Object> producerProperties(KafkaSettings settings) {
		int request = (int) settings.requestTimeout().toMillis();
		Map<String, Object> properties = new HashMap<>();
		properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
		properties.put(ProducerConfig.CLIENT_ID_CONFIG, "boxoffice-outbox");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
		properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, request);
		properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(settings.deliveryTimeout().toMillis(), request + 5));
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, request);
		properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		return properties;
	}

	/** Sends the rows in order and completes once every one is acknowledged, or fails on the first error. */
	Mono<Void> sendAll(List<OutboxRow> rows) {
		return sender.send(Flux.fromIterable(rows).map(row -> SenderRecord.create(
					record(row.topic(), row.key(), row.payload(), Map.of(TYPE_HEADER, row.type())), row.id())))
			.then();
	}

	@Override
	public Mono<Void> publish(String topic, String key, String value, Map<String, String> headers) {
		return sender.send(Mono.just(SenderRecord.create(record(topic, key, value, headers), key))).then();
	}

	private static ProducerRecord<String, String> record(String topic, String key, String value, Map<String, String> headers) {
		List<Header> kafkaHeaders = new ArrayList<>();
		headers.forEach((name, text) -> kafkaHeaders.add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
		return new ProducerRecord<>(topic, null, key, value, kafkaHeaders);
	}

	@Override
	public Flux<ReceivedChange> receive(String group, Collection<String> topics) {
		ReceiverOptions<String, String> options = ReceiverOptions.<String, String>create(Map.<String, Object>of(
					ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
					ConsumerConfig.GROUP_ID_CONFIG, group,
					ConsumerConfig.CLIENT_ID_CONFIG, group,
					ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
					ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
					ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))
			.commitInterval(Duration.ofSeconds(1))
			.subscription(topics);
		return KafkaReceiver.create(options).receive().map(record -> {
			Header type = record.headers().lastHeader(TYPE_HEADER);
			return new ReceivedChange(record.topic(), record.partition(), record.offset(), record.key(),
					type == null ? null : new String(type.value(), StandardCharsets.UTF_8), record.value(),
					record.receiverOffset()::acknowledge);
		});
	}

	@Override
	public Mono<Long> lag(String group) {
		return Mono.fromCompletionStage(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().toCompletionStage())
			.flatMap(committed -> {
				if (committed.isEmpty()) {
					return Mono.just(0L);
				}
				Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
				committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
				return Mono.fromCompletionStage(() -> admin.listOffsets(latest).all().toCompletionStage())
					.map(ends -> committed.entrySet().stream()
						.filter(entry -> entry.getValue() != null && ends.containsKey(entry.getKey()))
						.mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset()))
						.sum());
			});
	}

	@Override
	public void destroy() {
		sender.close();
		sendScheduler.dispose();
	}
}
