package io.boxoffice.search.internal;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** Up while the cluster is green or yellow (a single node with replicas configured is yellow). */
@Component("elasticsearch")
class ElasticsearchHealthIndicator extends AbstractReactiveHealthIndicator {

	private final ElasticsearchAsyncClient elasticsearch;

	ElasticsearchHealthIndicator(ElasticsearchAsyncClient elasticsearch) {
		super("Elasticsearch health check failed");
		this.elasticsearch = elasticsearch;
	}

	@Override
	protected Mono<Health> doHealthCheck(Health.Builder builder) {
		return Mono.fromFuture(() -> elasticsearch.cluster().health()).map(health -> {
			builder.withDetail("cluster", health.clusterName())
				.withDetail("status", health.status().jsonValue())
				.withDetail("nodes", health.numberOfNodes());
			return (health.status() == HealthStatus.Red ? builder.down() : builder.up()).build();
		});
	}
}
