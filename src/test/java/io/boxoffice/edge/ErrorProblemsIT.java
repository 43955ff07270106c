package io.boxoffice.edge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.FailingRoute;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Framework-level errors through the real HTTP stack: each is a problem+json with a stable type. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErrorProblemsIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Test
	void unknownRouteIsANotFoundProblem() {
		http.get().uri("/api/no-such-thing").exchange()
			.expectStatus().isNotFound()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/not-found")
			.jsonPath("$.instance").isEqualTo("/api/no-such-thing")
			.jsonPath("$.correlationId").isNotEmpty();
	}

	@Test
	void wrongMethodIsAMethodNotAllowedProblemListingTheAllowedOnes() {
		http.delete().uri("/api/events/1").exchange()
			.expectStatus().isEqualTo(405)
			.expectHeader().valueEquals(HttpHeaders.ALLOW, "GET")
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/method-not-allowed");
	}

	@Test
	void declaredOversizedBodyIsRefusedBeforeItIsRead() {
		byte[] body = new byte[70 * 1024];
		http.post().uri("/api/events/1").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isEqualTo(413)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/body-too-large")
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("65536 bytes"));
	}

	@Test
	void aUrlTheFirewallRefusesIsABadRequestProblemSayingWhy() {
		http.get().uri("/api/events/1;jsessionid=abc").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/invalid-request")
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("\";\""))
			.jsonPath("$.correlationId").isNotEmpty();
	}

	@Test
	void aHeaderValueWithAControlCharacterIsABadRequestProblemNotAnInvalidToken() {
		// NEL (U+0085) passes Netty's header parsing as obs-text; the firewall refuses it when the token is read.
		http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, "Bearer abc\u0085def")
			.contentType(MediaType.APPLICATION_JSON).bodyValue("{\"eventId\":1,\"seatIds\":[1]}").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/invalid-request")
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("Authorization"));
	}

	@Test
	void unexpectedErrorIsA500WithACorrelationIdAndNoInternals(CapturedOutput logs) {
		var result = http.get().uri(FailingRoute.PATH).exchange()
			.expectStatus().isEqualTo(500)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class).returnResult();
		String body = result.getResponseBody();
		String correlationId = result.getResponseHeaders().getFirst("X-Request-Id");
		assertThat(body).contains("/problems/internal").contains(correlationId)
			.doesNotContain(FailingRoute.SECRET).doesNotContain("IllegalStateException").doesNotContain("at io.");
		// The stack trace is in the log, on the line that carries the same id (found at 3 a.m. by one grep).
		assertThat(logs.getOut().lines().filter(line -> line.contains("Unexpected error on GET " + FailingRoute.PATH)))
			.anySatisfy(line -> assertThat(line).contains("[" + correlationId + "]"));
	}

	@Test
	void aBackingServiceTimingOutIsA503WithRetryAfterNotA500() {
		for (String path : new String[] { FailingRoute.TIMEOUT_ROUTE, FailingRoute.TIMEOUT_CONTROLLER }) {
			String body = http.get().uri(path).exchange()
				.expectStatus().isEqualTo(503)
				.expectHeader().valueEquals("Retry-After", "1")
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody(String.class).returnResult().getResponseBody();
			assertThat(body).as(path).contains("/problems/overloaded").contains("correlationId").doesNotContain("Redis");
		}
	}

	@Test
	void aSaneCallerRequestIdIsKeptAndAnInsaneOneReplaced() {
		http.get().uri("/api/no-such-thing").header("X-Request-Id", "lb-1234567890").exchange()
			.expectHeader().valueEquals("X-Request-Id", "lb-1234567890")
			.expectBody().jsonPath("$.correlationId").isEqualTo("lb-1234567890");
		http.get().uri("/api/no-such-thing").header("X-Request-Id", "<script>").exchange()
			.expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f]{32}"));
	}

	@Test
	void devTokenRouteDoesNotExistOutsideTheDemoProfile() {
		http.post().uri("/api/dev/token").contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"user\":\"mallory\",\"roles\":[\"ADMIN\"]}").exchange()
			.expectStatus().isNotFound()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/not-found");
	}
}
