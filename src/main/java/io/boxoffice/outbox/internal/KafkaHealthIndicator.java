package io.boxoffice.outbox.internal;

import org.apache.kafka.clients.admin.Admin;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

@Component("kafka")
class KafkaHealthIndicator extends AbstractReactiveHealthIndicator {

	private final Admin kafka;

	KafkaHealthIndicator(Admin kafka) {
		super("Kafka health check failed");
		this.kafka = kafka;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		var cluster = kafka.describeCluster();
		return Mono.fromCompletionStage(cluster.clusterId().toCompletionStage())
			.zipWith(Mono.fromCompletionStage(cluster.nodes().toCompletionStage()))
			.map(idAndNodes -> builder.up()
				.withDetail("clusterId", idAndNodes.getT1())
				.withDetail("brokers", idAndNodes.getT2().size())
				.build());
	}
}
