package io.boxoffice;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class HealthIT {

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Test
	void readinessChecksAllFourBackingServices() {
		http.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.r2dbc.status").isEqualTo("UP")
			.jsonPath("$.components.redis.status").isEqualTo("UP")
			.jsonPath("$.components.kafka.status").isEqualTo("UP")
			.jsonPath("$.components.kafka.details.brokers").isEqualTo(1)
			.jsonPath("$.components.elasticsearch.status").isEqualTo("UP");
	}

	@Test
	void livenessDoesNotDependOnBackingServices() {
		http.get().uri("/actuator/health/liveness").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components").doesNotExist();
	}

	@Test
	void redisPublishesKeyspaceNotificationsForTheLiveSeatMap() {
		var config = redis.getConnectionFactory().getReactiveConnection().serverCommands()
			.getConfig("notify-keyspace-events").block();
		String flags = config.getProperty("notify-keyspace-events");
		assertThat(flags).contains("K").containsAnyOf("A", "t").containsAnyOf("A", "x"); // keyspace channel: stream appends, expiries
	}
}
