package io.boxoffice.edge;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correctly signed tokens that still must not pass: one that never expires, one that names no user (all such
 * tokens would be one shared user, able to act on each other's holds), and one issued for another service.
 */
@IntegrationTest
class TokenClaimsIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Test
	void aTokenWithoutExpiryIsRefused() {
		refused(tokens.withoutExpiry("forever"), "expiry");
	}

	@Test
	void aTokenWithoutSubjectIsRefused() {
		refused(tokens.withoutSubject(), "names no user");
	}

	@Test
	void aTokenWithABlankOrControlCharacterSubjectIsRefused() {
		refused(tokens.withSubject("   "), "names no user");
		refused(tokens.withSubject(""), "names no user");
		refused(tokens.withSubject("ada\u0000"), "names no user");
	}

	@Test
	void aTokenForAnotherAudienceOrNoneIsRefused() {
		refused(tokens.forAudience("ada", "some-other-api"), "not meant for this service");
		refused(tokens.forAudience("ada", null), "not meant for this service");
	}

	@Test
	void aTokenWithEveryRequiredClaimPasses() {
		http.get().uri("/api/holds/h-1").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("claims-ok"))).exchange()
			.expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
	}

	private void refused(String token, String detail) {
		http.get().uri("/api/holds/h-1").header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange()
			.expectStatus().isUnauthorized()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).contains("invalid_token"))
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/invalid-token")
			.jsonPath("$.detail").value(text -> assertThat((String) text).contains(detail));
	}
}
