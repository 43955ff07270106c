package io.boxoffice.edge.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bearer tokens are checked. Production points {@code jwkSetUri} at the identity provider; the demo
 * and the tests sign HS256 tokens with {@code jwtSecret}. One of the two must be set: the service refuses to
 * start rather than accept unverifiable tokens. Every token needs {@code exp}, a non-blank {@code sub}, our
 * {@code iss} and our {@code aud} (docs/security.md, "Tokens").
 *
 * @param jwtSecret HS256 key, at least 32 bytes ({@code BOXOFFICE_SECURITY_JWT_SECRET})
 * @param jwkSetUri the identity provider's JWKS endpoint ({@code BOXOFFICE_SECURITY_JWK_SET_URI})
 * @param issuer required {@code iss} claim of every token, and the issuer of dev tokens
 * @param audience required in every token's {@code aud} claim, and the audience of dev tokens
 * @param clockSkew tolerance for {@code exp}/{@code nbf} between our clock and the issuer's
 * @param devTokenTtl lifetime of tokens from {@code POST /api/dev/token} (demo profile and
 *        {@code boxoffice.security.dev-tokens.enabled} only)
 * @param jwksRefetchCooldown least time between two JWKS fetches caused by tokens naming a key we do not have, so
 *        made-up {@code kid}s cannot turn every request into a call to the identity provider
 * @param jwksTimeout how long a JWKS fetch may take before the token is refused (the cached keys stay in use)
 * @param jwksCacheTtl how long fetched keys are used before the next token fetches them again (a key withdrawn
 *        at the identity provider stops verifying within this time)
 */
@ConfigurationProperties("boxoffice.security")
public record SecuritySettings(String jwtSecret, URI jwkSetUri, @DefaultValue("boxoffice") String issuer,
		@DefaultValue("boxoffice") String audience, @DefaultValue("30s") Duration clockSkew,
		@DefaultValue("1h") Duration devTokenTtl, @DefaultValue("30s") Duration jwksRefetchCooldown,
		@DefaultValue("5s") Duration jwksTimeout, @DefaultValue("5m") Duration jwksCacheTtl) {

	public SecuritySettings {
		boolean hasSecret = jwtSecret != null && !jwtSecret.isBlank();
		if (!hasSecret && jwkSetUri == null) {
			throw new IllegalStateException("Set boxoffice.security.jwk-set-uri (BOXOFFICE_SECURITY_JWK_SET_URI) to your "
					+ "identity provider's JWKS endpoint, or boxoffice.security.jwt-secret (BOXOFFICE_SECURITY_JWT_SECRET) to an HS256 key");
		}
		if (hasSecret && jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
			throw new IllegalStateException("boxoffice.security.jwt-secret must be at least 32 bytes for HS256");
		}
		if (audience == null || audience.isBlank()) {
			throw new IllegalStateException("boxoffice.security.audience must name the audience tokens are issued for");
		}
	}

	/** The same checks, with tokens signed by another HS256 key (tests forge tokens with it). */
	public SecuritySettings withJwtSecret(String otherSecret) {
		return new SecuritySettings(otherSecret, null, issuer, audience, clockSkew, devTokenTtl, jwksRefetchCooldown,
				jwksTimeout, jwksCacheTtl);
	}

	boolean signsOwnTokens() {
		return jwtSecret != null && !jwtSecret.isBlank();
	}
}
