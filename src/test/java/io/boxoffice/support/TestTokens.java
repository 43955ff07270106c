package io.boxoffice.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

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
		this.forger = new TokenIssuer(settings.withJwtSecret("an-attackers-secret-that-is-32-bytes-long"), clock);
		this.clock = clock;
	}

	public String user(String name) {
		return issuer.issue(name, Set.of("USER"), Duration.ofMinutes(10)).token();
	}

	/** A buyer whose token carries an {@code email} claim, as an identity provider's does. */
	public String userWithEmail(String name, String email) {
		Instant now = clock.instant();
		return issuer.sign(issuer.claims(name, Set.of("USER"), now, now.plus(Duration.ofMinutes(10))).claim("email", email).build());
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

	/** Correctly signed, but never expires. */
	public String withoutExpiry(String name) {
		Instant now = clock.instant();
		return issuer.sign(issuer.claims(name, Set.of("USER"), now, now.plus(Duration.ofMinutes(10)))
			.claims(claims -> claims.remove(JwtClaimNames.EXP)).build());
	}

	/** Correctly signed, but names no user. */
	public String withoutSubject() {
		return withSubject(null);
	}

	/** Correctly signed for this subject, which may be blank or hold control characters (null: no subject). */
	public String withSubject(String subject) {
		Instant now = clock.instant();
		return issuer.sign(issuer.claims("placeholder", Set.of("USER"), now, now.plus(Duration.ofMinutes(10)))
			.claims(claims -> {
				claims.remove(JwtClaimNames.SUB);
				if (subject != null) {
					claims.put(JwtClaimNames.SUB, subject);
				}
			}).build());
	}

	/** Correctly signed by our issuer, but for another service (or none: null). */
	public String forAudience(String name, String audience) {
		Instant now = clock.instant();
		return issuer.sign(issuer.claims(name, Set.of("USER", "ADMIN"), now, now.plus(Duration.ofMinutes(10)))
			.claims(claims -> {
				claims.remove(JwtClaimNames.AUD);
				if (audience != null) {
					claims.put(JwtClaimNames.AUD, List.of(audience));
				}
			}).build());
	}

	public static String bearer(String token) {
		return "Bearer " + token;
	}
}
