package io.boxoffice.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.boot.test.context.TestComponent;

import io.boxoffice.edge.internal.SecuritySettings;
import io.boxoffice.edge.internal.TokenIssuer;

/** Bearer tokens for tests: good ones signed with the configured secret, and the bad kinds a client may send. */
@TestComponent
public class TestTokens {

	private final TokenIssuer issuer;
	private final TokenIssuer forger;
	private final Clock clock;

	TestTokens(SecuritySettings settings, Clock clock) {
		this.issuer = new TokenIssuer(settings, clock);
		var otherSecret = new SecuritySettings("an-attackers-secret-that-is-32-bytes-long", null, settings.issuer(),
				settings.clockSkew(), settings.devTokenTtl());
		this.forger = new TokenIssuer(otherSecret, clock);
		this.clock = clock;
	}

	public String user(String name) {
		return issuer.issue(name, Set.of("USER"), Duration.ofMinutes(10)).token();
	}

	public String admin(String name) {
		return issuer.issue(name, Set.of("ADMIN"), Duration.ofMinutes(10)).token();
	}

	/** Expired well beyond the allowed clock skew. */
	public String expired(String name) {
		Instant longAgo = clock.instant().minus(Duration.ofMinutes(20));
		return issuer.issue(name, Set.of("USER", "ADMIN"), longAgo, longAgo.plus(Duration.ofMinutes(10))).token();
	}

	/** Well formed, but signed with a key the service does not know. */
	public String forged(String name) {
		return forger.issue(name, Set.of("USER", "ADMIN"), Duration.ofMinutes(10)).token();
	}

	public static String bearer(String token) {
		return "Bearer " + token;
	}
}
