package io.boxoffice.edge.internal;

import java.time.Clock;
import java.util.Objects;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * How a bearer token is verified: its signature (our HS256 secret, or the identity provider's keys), then its
 * claims. A token must expire ({@code exp}), name one user ({@code sub}: every request acts as that user, so a
 * missing or blank subject would make all such tokens one shared user), come from our issuer and be meant for us
 * ({@code aud}). See docs/security.md, "Tokens".
 */
final class TokenVerification {

	private TokenVerification() {
	}

	static ReactiveJwtDecoder decoder(SecuritySettings settings, Clock clock) {
		NimbusReactiveJwtDecoder decoder = settings.signsOwnTokens()
				? NimbusReactiveJwtDecoder.withSecretKey(SecurityConfiguration.secretKey(settings)).macAlgorithm(MacAlgorithm.HS256).build()
				: NimbusReactiveJwtDecoder.withJwkSource(new IdentityProviderKeys(WebClient.create(), settings, clock)::keysFor).build();
		decoder.setJwtValidator(claims(settings, clock));
		return decoder;
	}

	static OAuth2TokenValidator<Jwt> claims(SecuritySettings settings, Clock clock) {
		var timestamps = new JwtTimestampValidator(settings.clockSkew());
		timestamps.setClock(clock);
		return new DelegatingOAuth2TokenValidator<>(
				new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				new JwtClaimValidator<Object>(JwtClaimNames.SUB, TokenVerification::isUserName),
				timestamps,
				new JwtIssuerValidator(settings.issuer()),
				new JwtAudienceValidator(settings.audience()),
				new PrintableSubjects());
	}

	/** Non-blank, and no control characters (a NUL or line break in a user id would end up in logs and keys). */
	private static boolean isUserName(Object subject) {
		return subject instanceof String name && !name.isBlank() && name.chars().noneMatch(Character::isISOControl);
	}
}
