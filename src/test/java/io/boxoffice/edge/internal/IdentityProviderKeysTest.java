package io.boxoffice.edge.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production mode against a local JWKS endpoint that counts its fetches: made-up {@code kid}s cannot make us call
 * the identity provider once per request, a rotated-in key is still found, and a hung endpoint does not hang us.
 */
class IdentityProviderKeysTest {

	private static final Duration COOLDOWN = Duration.ofSeconds(30);

	private final AtomicInteger fetches = new AtomicInteger();
	private final AtomicReference<JWKSet> published = new AtomicReference<>();
	private final CountDownLatch release = new CountDownLatch(1);
	private volatile boolean hang;
	private final MovableClock clock = new MovableClock();
	private HttpServer server;
	private RSAKey current;

	@BeforeEach
	void startIdentityProvider() throws IOException, JOSEException {
		current = newKey("key-1");
		published.set(new JWKSet(current.toPublicJWK()));
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setExecutor(Executors.newCachedThreadPool());
		server.createContext("/jwks", exchange -> {
			fetches.incrementAndGet();
			if (hang) {
				awaitRelease();
			}
			byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterEach
	void stopIdentityProvider() {
		release.countDown();
		server.stop(0);
	}

	@Test
	void aTokenSignedByThePublishedKeyVerifies() throws JOSEException {
		StepVerifier.create(decoder(Duration.ofSeconds(5)).decode(token(current, "ada")))
			.assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("ada"))
			.verifyComplete();
	}

	@Test
	void unknownKeyIdsFetchTheKeySetAtMostOncePerCooldown() throws JOSEException {
		ReactiveJwtDecoder decoder = decoder(Duration.ofSeconds(5));
		StepVerifier.create(decoder.decode(token(current, "ada"))).expectNextCount(1).verifyComplete();
		assertThat(fetches).hasValue(1);

		RSAKey attackers = newKey("not-yet");
		var attempts = Flux.range(0, 50)
			.concatMap(i -> decoder.decode(token(withId(attackers, "made-up-" + i), "mallory"))
				.map(jwt -> "accepted")
				.onErrorReturn("refused"));
		StepVerifier.create(attempts.collectList())
			.assertNext(outcomes -> assertThat(outcomes).containsOnly("refused").hasSize(50))
			.verifyComplete();
		assertThat(fetches).as("JWKS fetches for 50 tokens with unknown kids").hasValue(1);
	}

	@Test
	void aKeyRotatedInIsFoundOnceTheCooldownHasPassed() throws JOSEException {
		ReactiveJwtDecoder decoder = decoder(Duration.ofSeconds(5));
		StepVerifier.create(decoder.decode(token(current, "ada"))).expectNextCount(1).verifyComplete();

		RSAKey rotated = newKey("key-2");
		published.set(new JWKSet(List.of(current.toPublicJWK(), rotated.toPublicJWK())));
		clock.advance(COOLDOWN.plusSeconds(1));
		StepVerifier.create(decoder.decode(token(rotated, "ada")))
			.assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("ada"))
			.verifyComplete();
		assertThat(fetches).hasValue(2);
	}

	@Test
	void aHungKeySetEndpointFailsTheTokenWithinTheTimeout() throws JOSEException {
		hang = true;
		StepVerifier.create(decoder(Duration.ofMillis(300)).decode(token(current, "ada")))
			.expectError()
			.verify(Duration.ofSeconds(3));
	}

	private ReactiveJwtDecoder decoder(Duration timeout) {
		var settings = new SecuritySettings(null, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks"),
				"boxoffice", "boxoffice", Duration.ofSeconds(30), Duration.ofHours(1), COOLDOWN, timeout, Duration.ofMinutes(5));
		return TokenVerification.decoder(settings, clock);
	}

	private String token(RSAKey key, String subject) {
		Instant now = clock.instant();
		var claims = new JWTClaimsSet.Builder().issuer("boxoffice").audience("boxoffice").subject(subject)
			.issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException failure) {
			throw new IllegalStateException(failure);
		}
		return jwt.serialize();
	}

	private static RSAKey newKey(String id) throws JOSEException {
		return new RSAKeyGenerator(2048).keyID(id).generate();
	}

	private static RSAKey withId(RSAKey key, String id) {
		return new RSAKey.Builder(key).keyID(id).build();
	}

	private void awaitRelease() {
		try {
			release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** The system clock plus an offset the test moves forward, to pass the cooldown without waiting. */
	private static final class MovableClock extends Clock {

		private volatile Duration offset = Duration.ZERO;

		void advance(Duration by) {
			offset = offset.plus(by);
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(offset);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("UTC only");
		}
	}
}
