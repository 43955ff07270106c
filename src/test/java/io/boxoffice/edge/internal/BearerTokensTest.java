package io.boxoffice.edge.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BearerTokensTest {

	private final BearerTokens bearerTokens = new BearerTokens();

	private Authentication convert(String... authorization) {
		var request = MockServerHttpRequest.post("/api/holds");
		if (authorization.length > 0) {
			request.header(HttpHeaders.AUTHORIZATION, authorization);
		}
		return bearerTokens.convert(MockServerWebExchange.from(request)).block();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer abc.DEF-ghi_jkl~mno+pqr/stu", "bearer abc", "BEARER abc", "Bearer abc==",
			"Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2lnbmF0dXJl" })
	void aWellFormedBearerTokenIsReadWhateverTheSchemesCase(String header) {
		var token = (BearerTokenAuthenticationToken) convert(header);
		assertThat(token.getToken()).isEqualTo(header.substring("Bearer ".length()));
	}

	@Test
	void noHeaderOrAnotherSchemeMeansNoBearerToken() {
		assertThat(convert()).isNull();
		assertThat(convert("Basic YWRhOnNlY3JldA==")).isNull();
		assertThat(convert("Digest username=\"ada\"")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Bearer", "Bearer ", "Bearer  abc", "Bearerabc", "Bearer abc def", "Bearer abc ",
			"Bearer ==", "Bearer a=b", "Bearer abc\t", "Bearer abc,def", "Bearer \"abc\"", "Bearer äbc" })
	void aMalformedBearerTokenIsRefusedNotIgnored(String header) {
		assertThatThrownBy(() -> convert(header)).isInstanceOf(InvalidBearerTokenException.class)
			.hasMessageContaining("malformed");
	}

	@Test
	void twoAuthorizationHeadersAreRefused() {
		assertThatThrownBy(() -> convert("Bearer abc", "Bearer def")).isInstanceOf(InvalidBearerTokenException.class)
			.hasMessageContaining("more than one");
	}
}
