package io.boxoffice.edge;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo profile's token endpoint, and the body errors every JSON route shares, seen through it. */
@IntegrationTest
@ActiveProfiles("demo")
class DevTokenIT {

	@Autowired
	WebTestClient http;

	@Test
	void issuesATokenThatTheServiceAccepts() {
		Map<String, Object> issued = http.post().uri("/api/dev/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("user", "ada", "roles", new String[] { "ADMIN" })).exchange()
			.expectStatus().isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			}).returnResult().getResponseBody();
		assertThat(issued).containsEntry("tokenType", "Bearer").containsEntry("user", "ada");

		http.get().uri("/actuator/metrics").header(HttpHeaders.AUTHORIZATION, "Bearer " + issued.get("token")).exchange()
			.expectStatus().isOk();
		http.get().uri("/actuator/metrics").exchange()
			.expectStatus().isUnauthorized();
	}

	@Test
	void malformedJsonSaysWhereItBroke() {
		http.post().uri("/api/dev/token").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user\": \"ada\", roles: ]").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/malformed-body")
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("line 1"));
	}

	@Test
	void aFieldOfTheWrongTypeIsNamed() {
		http.post().uri("/api/dev/token").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"user\": \"ada\", \"roles\": 7}").exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/malformed-body")
			.jsonPath("$.field").isEqualTo("roles");
	}

	@Test
	void everyInvalidFieldIsNamed() {
		http.post().uri("/api/dev/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"user\": \"not ok!\", \"roles\": [\"ROOT\"]}").exchange()
			.expectStatus().isBadRequest()
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/validation-failed")
			.jsonPath("$.errors[?(@.field == 'user')]").exists()
			.jsonPath("$.errors[?(@.field =~ /roles.*/)]").exists()
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("user").contains("roles"));
	}

	@Test
	void missingBodyIsAProblem() {
		http.post().uri("/api/dev/token").contentType(MediaType.APPLICATION_JSON).exchange()
			.expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/malformed-body");
	}

	@Test
	void unsupportedMediaTypeIsA415Problem() {
		http.post().uri("/api/dev/token").contentType(MediaType.TEXT_PLAIN).bodyValue("user=ada").exchange()
			.expectStatus().isEqualTo(415)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/unsupported-media-type");
	}

	@Test
	void chunkedOversizedBodyIsRefusedWhileStreaming() {
		var buffers = DefaultDataBufferFactory.sharedInstance;
		Flux<DataBuffer> chunks = Flux.range(0, 40)
			.map(i -> buffers.wrap(("[" + "\"x\",".repeat(1000) + "\"x\"]").getBytes(StandardCharsets.UTF_8)));
		http.post().uri("/api/dev/token").contentType(MediaType.APPLICATION_JSON).body(chunks, DataBuffer.class).exchange()
			.expectStatus().isEqualTo(413)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/body-too-large");
	}
}
