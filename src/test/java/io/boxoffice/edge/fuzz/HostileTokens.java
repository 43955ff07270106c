package io.boxoffice.edge.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.boxoffice.support.TestTokens;

/**
 * {@code Authorization} header values: good tokens for the route, and the kinds an attacker sends: forged, expired,
 * {@code alg: none}, correctly signed but without {@code exp} or {@code sub}, a blank or NUL subject, a foreign
 * issuer, roles of the wrong type, huge tokens, other schemes and plain garbage.
 */
final class HostileTokens {

	enum Kind {
		USER, ADMIN, NONE, EXPIRED, FORGED, ALG_NONE, NO_EXP, NO_SUB, BLANK_SUB, NUL_SUB, CONTROL_SUB, HUGE_SUB, WRONG_ISSUER,
		ROLES_NOT_A_LIST, NOT_YET_VALID, HUGE, GARBAGE, BASIC, EMPTY_BEARER, TWO_PARTS
	}

	private final TestTokens tokens;
	private final byte[] secret;
	private final String issuer;
	private final Clock clock;
	private final String user;
	private final String admin;

	HostileTokens(TestTokens tokens, String secret, String issuer, Clock clock, String user, String admin) {
		this.tokens = tokens;
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
		this.issuer = issuer;
		this.clock = clock;
		this.user = user;
		this.admin = admin;
	}

	/** The header value, or null for no header. */
	String header(Kind kind, Random random) {
		Instant now = clock.instant();
		Date later = Date.from(now.plus(Duration.ofMinutes(10)));
		return switch (kind) {
			case USER -> TestTokens.bearer(tokens.user(user));
			case ADMIN -> TestTokens.bearer(tokens.admin(admin));
			case NONE -> null;
			case EXPIRED -> TestTokens.bearer(tokens.expired(admin));
			case FORGED -> TestTokens.bearer(tokens.forged(admin));
			case ALG_NONE -> "Bearer " + unsigned(claims(admin, later).build());
			case NO_EXP -> "Bearer " + signed(claims(admin, null).build());
			case NO_SUB -> "Bearer " + signed(claims(null, later).build());
			case BLANK_SUB -> "Bearer " + signed(claims(" ", later).build());
			case NUL_SUB -> "Bearer " + signed(claims(admin + "\u0000x", later).build());
			case CONTROL_SUB -> "Bearer " + signed(claims("a\r\nb\u0007", later).build());
			case HUGE_SUB -> "Bearer " + signed(claims("s".repeat(3000), later).build());
			case WRONG_ISSUER -> "Bearer " + signed(claims(admin, later).issuer("someone-else").build());
			case ROLES_NOT_A_LIST -> "Bearer " + signed(claims(admin, later).claim("roles", random.nextBoolean() ? "ADMIN" : 42).build());
			case NOT_YET_VALID -> "Bearer " + signed(claims(admin, Date.from(now.plus(Duration.ofDays(2))))
				.notBeforeTime(Date.from(now.plus(Duration.ofDays(1)))).build());
			case HUGE -> "Bearer " + "A".repeat(20_000);
			case GARBAGE -> HostileValues.pick(random, List.of("Bearer", "Bearer ", "Bearer  x", "Bearer a b", "Bearer é",
					"bearer x.y.z", "Bearer ===", "Bearer a.b.c", "Token abc", "Bearer eyJ9.eyJ9.", "Bearer \u0000"));
			case BASIC -> "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
			case EMPTY_BEARER -> "";
			case TWO_PARTS -> "Bearer " + signed(claims(admin, later).build()).substring(0, 40);
		};
	}

	private JWTClaimsSet.Builder claims(String subject, Date expires) {
		var claims = new JWTClaimsSet.Builder().issuer(issuer).issueTime(Date.from(clock.instant())).claim("roles",
				List.of("ADMIN", "USER"));
		if (subject != null) {
			claims.subject(subject);
		}
		if (expires != null) {
			claims.expirationTime(expires);
		}
		return claims;
	}

	private String signed(JWTClaimsSet claims) {
		try {
			var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (JOSEException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String unsigned(JWTClaimsSet claims) {
		var encoder = Base64.getUrlEncoder().withoutPadding();
		String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		String payload = encoder.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
		return header + "." + payload + ".";
	}
}
