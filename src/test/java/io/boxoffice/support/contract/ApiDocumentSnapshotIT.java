package io.boxoffice.support.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document equals the copy kept in {@code src/test/resources/openapi/boxoffice-api.json}, from
 * which the build generates the Java client that {@code GeneratedClientIT} runs the buyer's flow with (docs/api.md,
 * "Contract"). A change to the API therefore shows up in review as a change to that file, and the generated client
 * follows it. On a difference the served document is written to {@code target/openapi/boxoffice-api.json}.
 */
@IntegrationTest
class ApiDocumentSnapshotIT {

	static final Path KEPT = Path.of("src/test/resources/openapi/boxoffice-api.json");
	static final Path SERVED = Path.of("target/openapi/boxoffice-api.json");

	@Autowired
	WebTestClient http;

	@Test
	void theServedDocumentIsTheKeptOneTheClientIsGeneratedFrom() throws IOException {
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		byte[] body = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
		JsonNode served = json.readTree(body);
		// Routes of the tests' own configurations are not the service's API.
		ObjectNode paths = (ObjectNode) served.get("paths");
		paths.propertyNames().stream().filter(path -> path.startsWith("/api/test-only/")).toList().forEach(paths::remove);
		JsonNode kept = Files.exists(KEPT) ? json.readTree(KEPT.toFile()) : null;
		if (!served.equals(kept)) {
			Files.createDirectories(SERVED.getParent());
			Files.writeString(SERVED, json.writeValueAsString(served) + "\n");
		}
		assertThat(served).as("The served /v3/api-docs differs from %s (the generated client's source). If the API change is "
				+ "intended: cp %s %s, and review the diff", KEPT, SERVED, KEPT).isEqualTo(kept);
	}
}
