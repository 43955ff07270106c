package io.boxoffice.support.services;

import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A real single-node KRaft broker inside this JVM (it dies with the JVM, so it can never be orphaned). */
final class LocalKafka implements BackingService {

	private final EmbeddedKafkaKraftBroker broker;

	private LocalKafka(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
	}

	static LocalKafka start() {
		var broker = new EmbeddedKafkaKraftBroker(1, 6);
		broker.brokerProperty("auto.create.topics.enable", "true");
		broker.brokerProperty("num.partitions", "6");
		broker.afterPropertiesSet();
		return new LocalKafka(broker);
	}

	@Override
	public String name() {
		return "Kafka";
	}

	@Override
	public String address() {
		return broker.getBrokersAsString();
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("boxoffice.kafka.bootstrap-servers", broker.getBrokersAsString());
	}

	@Override
	public void stop() {
		broker.destroy();
	}
}
