package io.boxoffice;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class HealthIT {

	@Autowired
	WebTestClient http;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	TestTokens tokens;

	@Test
	void readinessCoversWhatBookingNeedsAndNotSearchOrKafka() {
		http.get().uri("/actuator/health/readiness").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.admin("operator")))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.status").isEqualTo("UP")
			.jsonPath("$.components.r2dbc.status").isEqualTo("UP")
			.jsonPath("$.components.redis.status").isEqualTo("UP")
			.jsonPath("$.components.demoData.status").isEqualTo("UP")
			.jsonPath("$.components.kafka").doesNotExist()
			.jsonPath("$.components.elasticsearch").doesNotExist();
	}

	@Test
	void fullHealthStillReportsSearchAndKafkaToAnAdmin() {
		http.get().uri("/actuator/health").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.admin("operator")))
			.exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.components.kafka.status").isEqualTo("UP")
			.jsonPath("$.components.kafka.details.brokers").isEqualTo(1)
			.jsonPath("$.components.elasticsearch.status").isEqualTo("UP");
	}

	@Test
	void publicHealthShowsOnlyTheStatus() {
		for (String path : new String[] { "/actuator/health", "/actuator/health/readiness" }) {
			String body = http.get().uri(path).exchange()
				.expectStatus().isOk()
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(body).as(path).contains("\"status\":\"UP\"")
				.doesNotContain("components").doesNotContain("details").doesNotContain("clusterId").doesNotContain("version");
		}
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
