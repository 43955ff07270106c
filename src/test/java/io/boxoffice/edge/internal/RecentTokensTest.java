package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecentTokensTest {

	private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

	private final AtomicInteger verifications = new AtomicInteger();

	private ReactiveJwtDecoder verifierExpiringAt(Instant expiresAt) {
		return token -> {
			verifications.incrementAndGet();
			if (token.startsWith("bad")) {
				return Mono.error(new BadJwtException("Signed JWT rejected: Invalid signature"));
			}
			return Mono.just(Jwt.withTokenValue(token).header("alg", "HS256").subject("ada").issuedAt(NOW.minusSeconds(10))
				.expiresAt(expiresAt).build());
		};
	}

	@Test
	void aVerifiedTokenIsVerifiedOnceWhileItIsFresh() {
		var tokens = new RecentTokens(verifierExpiringAt(NOW.plus(Duration.ofHours(1))), Clock.fixed(NOW, ZoneOffset.UTC),
				Duration.ofMinutes(5), 10);
		assertThat(tokens.decode("good").block().getSubject()).isEqualTo("ada");
		assertThat(tokens.decode("good").block().getSubject()).isEqualTo("ada");
		assertThat(verifications).hasValue(1);
	}

	@Test
	void anExpiredOrOldEntryIsVerifiedAgain() {
		var expiresSoon = new RecentTokens(verifierExpiringAt(NOW.plusSeconds(1)), Clock.offset(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO),
				Duration.ofMinutes(5), 10);
		expiresSoon.decode("good").block();
		var later = new RecentTokens(verifierExpiringAt(NOW.plusSeconds(1)), Clock.fixed(NOW.plusSeconds(2), ZoneOffset.UTC),
				Duration.ofMinutes(5), 10);
		later.decode("good").block();
		later.decode("good").block();
		assertThat(verifications).hasValue(3); // nothing is remembered past the token's expiry
	}

	@Test
	void aBadTokenIsRefusedEveryTime() {
		var tokens = new RecentTokens(verifierExpiringAt(NOW.plus(Duration.ofHours(1))), Clock.fixed(NOW, ZoneOffset.UTC),
				Duration.ofMinutes(5), 10);
		assertThatThrownBy(() -> tokens.decode("bad").block()).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> tokens.decode("bad").block()).isInstanceOf(BadJwtException.class);
		assertThat(verifications).hasValue(2);
	}
}
