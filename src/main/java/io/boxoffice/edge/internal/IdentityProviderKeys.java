package io.boxoffice.edge.internal;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The identity provider's signing keys (production mode), fetched from its JWKS endpoint and kept. A token whose
 * {@code kid} we do not have fetches the set again (a key rotation), but at most once per
 * {@code jwksRefetchCooldown}: otherwise anyone could make us call the identity provider once per request by
 * sending made-up {@code kid}s. Concurrent requests share one fetch; a fetch that fails or takes longer than
 * {@code jwksTimeout} leaves the keys we had in use. Spring Security's own JWKS source refetches on every unknown
 * {@code kid} and has no timeout of its own.
 */
final class IdentityProviderKeys {

	private static final Logger log = LoggerFactory.getLogger(IdentityProviderKeys.class);

	private record Fetched(JWKSet keys, Instant at) {
	}

	private final WebClient http;
	private final URI uri;
	private final SecuritySettings settings;
	private final Clock clock;

	private volatile Fetched current = new Fetched(new JWKSet(), Instant.MIN);
	private Instant lastAttempt = Instant.MIN; // guarded by this
	private Mono<Fetched> inFlight; // guarded by this

	IdentityProviderKeys(WebClient http, SecuritySettings settings, Clock clock) {
		this.http = http;
		this.uri = settings.jwkSetUri();
		this.settings = settings;
		this.clock = clock;
	}

	/** The keys that could have signed this token; none if the identity provider has no such key. */
	Flux<JWK> keysFor(SignedJWT token) {
		var selector = new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader()));
		Fetched known = current;
		List<JWK> matching = selector.select(known.keys());
		if (!matching.isEmpty() && clock.instant().isBefore(known.at().plus(settings.jwksCacheTtl()))) {
			return Flux.fromIterable(matching);
		}
		return refresh().flatMapIterable(fetched -> selector.select(fetched.keys()));
	}

	private synchronized Mono<Fetched> refresh() {
		if (inFlight != null) {
			return inFlight;
		}
		Instant now = clock.instant();
		if (now.isBefore(lastAttempt.plus(settings.jwksRefetchCooldown()))) {
			return Mono.just(current);
		}
		lastAttempt = now;
		Mono<Fetched> fetch = http.get().uri(uri).accept(MediaType.APPLICATION_JSON)
			.retrieve()
			.bodyToMono(String.class)
			.timeout(settings.jwksTimeout())
			.map(IdentityProviderKeys::parse)
			.map(keys -> new Fetched(keys, clock.instant()))
			.doOnNext(fetched -> current = fetched)
			.onErrorResume(failure -> {
				log.warn("Could not fetch the identity provider's keys from {}; keeping the {} keys we have: {}", uri,
						current.keys().size(), failure.toString());
				return Mono.just(current);
			})
			.doFinally(signal -> finished())
			.cache();
		inFlight = fetch;
		return fetch;
	}

	private synchronized void finished() {
		inFlight = null;
	}

	private static JWKSet parse(String body) {
		try {
			return JWKSet.parse(body);
		}
		catch (ParseException malformed) {
			throw new IllegalStateException("The JWKS document is not a JWK set: " + malformed.getMessage());
		}
	}
}
