package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs HS256 tokens with the configured secret: what {@code POST /api/dev/token} hands out in the demo, and
 * what tests authenticate with. Production tokens come from a real identity provider instead.
 */
public class TokenIssuer {

	static final String EMAIL_CLAIM = "email";

	private final NimbusJwtEncoder encoder;
	private final String issuer;
	private final String audience;
	private final Clock clock;

	public TokenIssuer(SecuritySettings settings, Clock clock) {
		if (!settings.signsOwnTokens()) {
			throw new IllegalStateException("Issuing tokens needs boxoffice.security.jwt-secret; with a JWKS URI, get tokens from the identity provider");
		}
		this.encoder = NimbusJwtEncoder.withSecretKey(SecurityConfiguration.secretKey(settings)).build();
		this.issuer = settings.issuer();
		this.audience = settings.audience();
		this.clock = clock;
	}

	public record IssuedToken(String token, Instant expiresAt) {
	}

	public IssuedToken issue(String subject, Set<String> roles, Duration ttl) {
		Instant now = clock.instant();
		return issue(subject, roles, now, now.plus(ttl));
	}

	/** With an {@code email} claim (mail to the buyer goes there), as identity providers put in their tokens. */
	public IssuedToken issue(String subject, Set<String> roles, Duration ttl, String email) {
		Instant now = clock.instant();
		return new IssuedToken(sign(claims(subject, roles, now, now.plus(ttl)).claim(EMAIL_CLAIM, email).build()), now.plus(ttl));
	}

	public IssuedToken issue(String subject, Set<String> roles, Instant now, Instant expiresAt) {
		return new IssuedToken(sign(claims(subject, roles, now, expiresAt).build()), expiresAt);
	}

	/** The claims every token we issue carries; tests take some away to make the tokens the service must refuse. */
	public JwtClaimsSet.Builder claims(String subject, Set<String> roles, Instant now, Instant expiresAt) {
		return JwtClaimsSet.builder()
			.issuer(issuer)
			.audience(List.of(audience))
			.subject(subject)
			.issuedAt(now)
			.expiresAt(expiresAt)
			.claim(SecurityConfiguration.ROLES_CLAIM, roles.stream().sorted().toList());
	}

	public String sign(JwtClaimsSet claims) {
		var header = JwsHeader.with(MacAlgorithm.HS256).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}
}
