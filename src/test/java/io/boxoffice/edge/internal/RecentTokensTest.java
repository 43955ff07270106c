package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentTokensTest {

	private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	/** Verifies any token but those starting with "bad"; the subject is the token, so answers can be told apart. */
	private ReactiveAuthenticationManager verifierExpiringAt(Instant expiresAt) {
		return authentication -> {
			verifications.incrementAndGet();
			String token = ((BearerTokenAuthenticationToken) authentication).getToken();
			if (token.startsWith("bad")) {
				return Mono.error(new InvalidBearerTokenException("Signed JWT rejected: Invalid signature"));
			}
			Jwt jwt = Jwt.withTokenValue(token).header("alg", "HS256").subject(token).issuedAt(NOW.minusSeconds(10))
				.expiresAt(expiresAt).build();
			return Mono.just(new JwtAuthenticationToken(jwt, List.of(new SimpleGrantedAuthority("ROLE_USER"))));
		};
	}

	private static Clock at(Instant instant) {
		return Clock.fixed(instant, ZoneOffset.UTC);
	}

	private static Authentication bearer(String token) {
		return new BearerTokenAuthenticationToken(token);
	}

	@Test
	void aVerifiedTokenIsVerifiedOnceWhileItIsFresh() {
		var tokens = new RecentTokens(verifierExpiringAt(NOW.plus(Duration.ofHours(1))), at(NOW), Duration.ofMinutes(5), 10);
		Authentication first = tokens.authenticate(bearer("good")).block();
		Authentication second = tokens.authenticate(bearer("good")).block();
		assertThat(second.getName()).isEqualTo("good");
		assertThat(second.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_USER");
		assertThat(second).isSameAs(first);
		assertThat(verifications).hasValue(1);
	}

	@Test
	void eachTokenGetsItsOwnAuthentication() {
		var tokens = new RecentTokens(verifierExpiringAt(NOW.plus(Duration.ofHours(1))), at(NOW), Duration.ofMinutes(5), 10);
		tokens.authenticate(bearer("ada")).block();
		assertThat(tokens.authenticate(bearer("grace")).block().getName()).isEqualTo("grace");
		assertThat(tokens.authenticate(bearer("ada")).block().getName()).isEqualTo("ada");
		assertThat(verifications).hasValue(2);
	}

	@Test
	void nothingIsRememberedPastTheTokensExpiryOrMaxAge() {
		var expiresSoon = new RecentTokens(verifierExpiringAt(NOW.plusSeconds(1)), at(NOW), Duration.ofMinutes(5), 10);
		expiresSoon.authenticate(bearer("good")).block();
		var pastExpiry = new RecentTokens(verifierExpiringAt(NOW.plusSeconds(1)), at(NOW.plusSeconds(2)), Duration.ofMinutes(5), 10);
		pastExpiry.authenticate(bearer("good")).block();
		pastExpiry.authenticate(bearer("good")).block();
		assertThat(verifications).hasValue(3);

		var clock = new MutableClock(NOW);
		var shortMemory = new RecentTokens(verifierExpiringAt(NOW.plus(Duration.ofHours(1))), clock, Duration.ofMinutes(5), 10);
		shortMemory.authenticate(bearer("good")).block();
		clock.now = NOW.plus(Duration.ofMinutes(5));
		shortMemory.authenticate(bearer("good")).block();
		assertThat(verifications).hasValue(5); // remembered for at most maxAge, though the token is still valid
	}

	@Test
	void aBadTokenIsRefusedEveryTime() {
		var tokens = new RecentTokens(verifierExpiringAt(NOW.plus(Duration.ofHours(1))), at(NOW), Duration.ofMinutes(5), 10);
		assertThatThrownBy(() -> tokens.authenticate(bearer("bad")).block()).isInstanceOf(InvalidBearerTokenException.class);
		assertThatThrownBy(() -> tokens.authenticate(bearer("bad")).block()).isInstanceOf(InvalidBearerTokenException.class);
		assertThat(verifications).hasValue(2);
	}

	@Test
	void theMemoryIsBounded() {
		var tokens = new RecentTokens(verifierExpiringAt(NOW.plus(Duration.ofHours(1))), at(NOW), Duration.ofMinutes(5), 2);
		tokens.authenticate(bearer("a")).block();
		tokens.authenticate(bearer("b")).block();
		tokens.authenticate(bearer("c")).block(); // full: forgets a and b, remembers c
		tokens.authenticate(bearer("c")).block();
		tokens.authenticate(bearer("a")).block();
		assertThat(verifications).hasValue(4);
	}

	private static final class MutableClock extends Clock {
		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}
}
