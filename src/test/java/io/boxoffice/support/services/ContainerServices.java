package io.boxoffice.support.services;

import java.util.Map;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The same four services as Testcontainers, used when a Docker engine is available. Testcontainers'
 * reaper removes containers a killed JVM leaves behind, so no process records are needed here.
 */
final class ContainerServices {

	private ContainerServices() {
	}

	static BackingService postgres() {
		var container = new PostgreSQLContainer("postgres:18-alpine").withDatabaseName(LocalPostgres.DATABASE);
		container.start();
		return new Started<>("PostgreSQL", container, container.getHost() + ":" + container.getFirstMappedPort(), Map.of(
				"spring.r2dbc.url", "r2dbc:postgresql://" + container.getHost() + ":" + container.getFirstMappedPort() + "/" + LocalPostgres.DATABASE,
				"spring.r2dbc.username", container.getUsername(),
				"spring.r2dbc.password", container.getPassword(),
				"spring.flyway.url", container.getJdbcUrl(),
				"spring.flyway.user", container.getUsername(),
				"spring.flyway.password", container.getPassword()));
	}

	static BackingService redis() {
		var container = new GenericContainer<>("redis:7-alpine")
			.withExposedPorts(6379)
			.withCommand("redis-server", "--notify-keyspace-events", "Ktx", "--save", "");
		container.start();
		return new Started<>("Redis", container, container.getHost() + ":" + container.getFirstMappedPort(), Map.of(
				"spring.data.redis.host", container.getHost(),
				"spring.data.redis.port", container.getFirstMappedPort()));
	}

	static BackingService kafka() {
		var container = new KafkaContainer("apache/kafka:3.9.1");
		container.start();
		return new Started<>("Kafka", container, container.getBootstrapServers(),
				Map.of("boxoffice.kafka.bootstrap-servers", container.getBootstrapServers()));
	}

	static BackingService elasticsearch() {
		var container = new ElasticsearchContainer("docker.elastic.co/elasticsearch/elasticsearch:8.19.4")
			.withEnv("xpack.security.enabled", "false")
			.withEnv("ES_JAVA_OPTS", "-Xms256m -Xmx512m");
		container.start();
		String url = "http://" + container.getHttpHostAddress();
		return new Started<>("Elasticsearch", container, url, Map.of("boxoffice.elasticsearch.url", url));
	}

	private record Started<C extends GenericContainer<?>>(String name, C container, String address,
			Map<String, Object> properties) implements BackingService {

		@Override
		public void stop() {
			container.stop();
		}
	}
}
