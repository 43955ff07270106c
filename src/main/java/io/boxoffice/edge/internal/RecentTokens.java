package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Remembers the authentication made from each token that verified, so a buyer's next requests skip parsing, the
 * signature check and reading the roles (the bulk of what security costs per request during an on-sale). An entry
 * is used only while the token is unexpired and for at most {@code maxAge}, so a key rotated out at the identity
 * provider stops being honoured within that time. Failures are not remembered: a bad token is checked, and
 * refused, every time. The authentications handed out are shared between requests; nothing downstream changes them.
 */
class RecentTokens implements ReactiveAuthenticationManager {

	private record Verified(Authentication authentication, Instant rememberedUntil) {
	}

	private final ReactiveAuthenticationManager verifier;
	private final Clock clock;
	private final Duration maxAge;
	private final int maxEntries;
	private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

	RecentTokens(ReactiveAuthenticationManager verifier, Clock clock, Duration maxAge, int maxEntries) {
		this.verifier = verifier;
		this.clock = clock;
		this.maxAge = maxAge;
		this.maxEntries = maxEntries;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
			return verifier.authenticate(authentication);
		}
		String token = bearer.getToken();
		Instant now = clock.instant();
		Verified known = verified.get(token);
		if (known != null && now.isBefore(known.rememberedUntil())) {
			return Mono.just(known.authentication());
		}
		return verifier.authenticate(bearer).doOnNext(result -> remember(token, result, now));
	}

	private void remember(String token, Authentication result, Instant now) {
		Instant expiresAt = result instanceof AbstractOAuth2TokenAuthenticationToken<?> verifiedToken
				? verifiedToken.getToken().getExpiresAt() : null;
		if (expiresAt == null) {
			return; // a token without an expiry is checked every time
		}
		if (verified.size() >= maxEntries) {
			verified.clear(); // bounded; re-verifying is only CPU
		}
		Instant until = expiresAt.isBefore(now.plus(maxAge)) ? expiresAt : now.plus(maxAge);
		verified.put(token, new Verified(result, until));
	}
}
