package io.boxoffice.queue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Admission tokens: compact HS256 JWS with {@code sub} (the buyer), {@code event}, {@code jti} (its id, revocable:
 * the hold script only accepts a token whose id key still exists in Redis) and {@code exp}. Their own key and
 * {@code typ}, so neither a login token nor anything else signed by this service passes as one.
 */
final class AdmissionTokens {

	static final JOSEObjectType TYPE = new JOSEObjectType("admission+jwt");
	private static final String EVENT_CLAIM = "event";

	private final byte[] key;

	AdmissionTokens(byte[] key) {
		if (key.length < 32) {
			throw new IllegalStateException("boxoffice.queue.token-secret must be at least 32 bytes");
		}
		this.key = key.clone();
	}

	/**
	 * The configured secret; else one derived from the demo/test login-token secret (so every instance of a demo
	 * agrees on it); with neither, the service does not start.
	 */
	static AdmissionTokens fromSecrets(String tokenSecret, String loginTokenSecret) {
		if (tokenSecret != null && !tokenSecret.isBlank()) {
			return new AdmissionTokens(tokenSecret.getBytes(StandardCharsets.UTF_8));
		}
		if (loginTokenSecret == null || loginTokenSecret.isBlank()) {
			throw new IllegalStateException("Set boxoffice.queue.token-secret (BOXOFFICE_QUEUE_TOKEN_SECRET), at least 32 bytes: "
					+ "the key that signs waiting-room admission tokens");
		}
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(loginTokenSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return new AdmissionTokens(mac.doFinal("boxoffice admission tokens".getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException impossible) {
			throw new IllegalStateException(impossible);
		}
	}

	String sign(String user, long eventId, String jti, Instant issuedAt, Instant expiresAt) {
		var claims = new JWTClaimsSet.Builder().subject(user).claim(EVENT_CLAIM, eventId).jwtID(jti)
			.issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt)).build();
		var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).build(), claims);
		try {
			jwt.sign(new MACSigner(key));
		}
		catch (JOSEException impossible) {
			throw new IllegalStateException(impossible);
		}
		return jwt.serialize();
	}

	/** A verified token's claims. */
	record Admission(String user, long eventId, String jti, Instant expiresAt) {
	}

	/** Why a token was refused, in the client's terms. */
	sealed interface Verdict {
	}

	record Valid(Admission admission) implements Verdict {
	}

	record Invalid(String reason) implements Verdict {
	}

	/** Checks signature, type, expiry, subject and event. */
	Verdict verify(String token, String user, long eventId, Instant now) {
		if (token == null || token.isBlank()) {
			return new Invalid("This event's sale is queued: join the waiting room, and send the admission token you are given "
					+ "in the Admission-Token header");
		}
		Optional<JWTClaimsSet> claims = verifiedClaims(token.trim());
		if (claims.isEmpty()) {
			return new Invalid("The admission token is not one this service issued");
		}
		JWTClaimsSet set = claims.get();
		Date expires = set.getExpirationTime();
		if (expires == null || !now.isBefore(expires.toInstant())) {
			return new Invalid("The admission token has expired; join the waiting room again");
		}
		if (!user.equals(set.getSubject())) {
			return new Invalid("The admission token was issued to another user");
		}
		Long tokenEvent = eventOf(set);
		if (tokenEvent == null || tokenEvent != eventId) {
			return new Invalid("The admission token is for another event");
		}
		if (set.getJWTID() == null || set.getJWTID().isBlank()) {
			return new Invalid("The admission token is not one this service issued");
		}
		return new Valid(new Admission(user, eventId, set.getJWTID(), expires.toInstant()));
	}

	private Optional<JWTClaimsSet> verifiedClaims(String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !TYPE.equals(jwt.getHeader().getType())
					|| !jwt.verify(new MACVerifier(key))) {
				return Optional.empty();
			}
			return Optional.of(jwt.getJWTClaimsSet());
		}
		catch (ParseException | JOSEException | RuntimeException malformed) {
			return Optional.empty();
		}
	}

	private static Long eventOf(JWTClaimsSet set) {
		Object value = set.getClaim(EVENT_CLAIM);
		return value instanceof Number number ? Long.valueOf(number.longValue()) : null;
	}
}
