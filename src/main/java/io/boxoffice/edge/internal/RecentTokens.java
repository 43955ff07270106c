package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers tokens that verified, so a buyer's next requests skip parsing and the signature check (the bulk of
 * what security costs per request during an on-sale). An entry is used only while the token is unexpired and
 * for at most {@code maxAge}, so a key rotated out at the identity provider stops being honoured within that
 * time. Failures are not remembered: a bad token is checked, and refused, every time.
 */
class RecentTokens implements ReactiveJwtDecoder {

	private record Verified(Jwt jwt, Instant rememberedUntil) {
	}

	private final ReactiveJwtDecoder verifier;
	private final Clock clock;
	private final Duration maxAge;
	private final int maxEntries;
	private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

	RecentTokens(ReactiveJwtDecoder verifier, Clock clock, Duration maxAge, int maxEntries) {
		this.verifier = verifier;
		this.clock = clock;
		this.maxAge = maxAge;
		this.maxEntries = maxEntries;
	}

	@Override
	public Mono<Jwt> decode(String token) {
		Instant now = clock.instant();
		Verified known = verified.get(token);
		if (known != null && now.isBefore(known.rememberedUntil())) {
			return Mono.just(known.jwt());
		}
		return verifier.decode(token).doOnNext(jwt -> remember(token, jwt, now));
	}

	private void remember(String token, Jwt jwt, Instant now) {
		if (jwt.getExpiresAt() == null) {
			return; // a token without an expiry is checked every time
		}
		if (verified.size() >= maxEntries) {
			verified.clear(); // bounded; re-verifying is only CPU
		}
		Instant until = jwt.getExpiresAt().isBefore(now.plus(maxAge)) ? jwt.getExpiresAt() : now.plus(maxAge);
		verified.put(token, new Verified(jwt, until));
	}
}
