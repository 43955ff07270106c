package io.boxoffice.edge;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and API users get besides the API: metrics to scrape and a document of every route. */
@IntegrationTest
class OperationsIT {

	@Autowired
	WebTestClient http;

	@Test
	void prometheusExposesHttpRedisAndConnectionPoolMetrics() {
		http.get().uri("/api/events?size=1").exchange().expectStatus().isOk();

		String scrape = http.get().uri("/actuator/prometheus").exchange()
			.expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();

		assertThat(scrape)
			.contains("http_server_requests_seconds_count{")
			.contains("uri=\"/api/events\"")
			.contains("r2dbc_pool_acquired_connections")
			.contains("lettuce_command_completion_seconds_count{")
			// Lettuce's command observation stays off: it can throw out of a cancel and leave a request unanswered.
			.doesNotContain("lettuce_seconds_count{")
			.contains("application=\"boxoffice\"");
	}

	@Test
	void openApiDocumentListsRoutesWithTheirSchemasAndProblemResponses() {
		http.get().uri("/v3/api-docs").exchange()
			.expectStatus().isOk()
			.expectBody()
			.jsonPath("$.info.title").isEqualTo("Boxoffice API")
			.jsonPath("$.paths['/api/events/{id}'].get.responses['200']").exists()
			.jsonPath("$.paths['/api/events/{id}'].get.responses['404'].content['application/problem+json']").exists()
			.jsonPath("$.paths['/api/events/{id}'].get.responses['429']").exists()
			.jsonPath("$.paths['/api/events'].get.parameters[?(@.name == 'category')]").exists()
			// The hold routes are functional routes, documented by their @RouterOperations.
			.jsonPath("$.paths['/api/holds'].post.responses['201'].content['application/json'].schema['$ref']")
			.isEqualTo("#/components/schemas/HoldView")
			.jsonPath("$.paths['/api/holds'].post.requestBody.content['application/json'].schema['$ref']")
			.isEqualTo("#/components/schemas/HoldRequest")
			.jsonPath("$.paths['/api/holds'].post.responses['401']").exists()
			.jsonPath("$.paths['/api/holds/{id}'].get.responses['404']").exists()
			.jsonPath("$.paths['/api/holds/{id}'].delete.responses['204']").exists()
			.jsonPath("$.components.schemas.Problem.properties.correlationId").exists()
			.jsonPath("$.components.schemas.EventDetails").exists()
			.jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer");
	}

	@Test
	void serverTimeIsTheServersClockAndNeverCached() {
		http.get().uri("/api/time").exchange()
			.expectStatus().isOk()
			.expectHeader().valueEquals("Cache-Control", "no-store")
			.expectBody().jsonPath("$.now").value(now -> assertThat(java.time.Instant.parse((String) now))
				.isCloseTo(java.time.Instant.now(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES)));
	}

	@Test
	void swaggerUiIsServed() {
		http.get().uri("/swagger-ui.html").exchange()
			.expectStatus().is3xxRedirection()
			.expectHeader().value("Location", location -> assertThat(location).contains("swagger-ui"));
		http.get().uri("/webjars/swagger-ui/index.html").exchange()
			.expectStatus().isOk();
	}
}
