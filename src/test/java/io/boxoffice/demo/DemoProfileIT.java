package io.boxoffice.demo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

/**
 * The demo as its run command starts it, but without the dev-token flag: the profile alone hands out no tokens,
 * and the instance is not ready until its dataset is there.
 */
@IntegrationTest
@ActiveProfiles("demo")
@TestPropertySource(properties = { "boxoffice.security.dev-tokens.enabled=false", "boxoffice.demo.await-data=true" })
class DemoProfileIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DemoDataset dataset;

	@Autowired
	DatabaseClient db;

	@Test
	void theDemoProfileWithoutTheFlagHasNoTokenEndpoint() {
		http.post().uri("/api/dev/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("user", "mallory", "roles", new String[] { "ADMIN" })).exchange()
			.expectStatus().isNotFound();
	}

	@Test
	void theDemoIsNotReadyUntilItsDataIsThere() {
		http.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isEqualTo(503)
			.expectBody().jsonPath("$.status").isEqualTo("OUT_OF_SERVICE");

		// A venue makes the catalog non-empty, so the loader finds data present instead of loading the whole dataset.
		db.sql("INSERT INTO venue (name, city, country, lat, lon, timezone) VALUES ('Readiness Hall', 'Oslo', 'NO', 59.9, 10.7, 'Europe/Oslo')")
			.then().block();
		dataset.loadIfAbsent().block();

		http.get().uri("/actuator/health/readiness").exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("UP");
	}
}
