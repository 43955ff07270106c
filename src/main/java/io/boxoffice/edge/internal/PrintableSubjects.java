package io.boxoffice.edge.internal;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token's subject is the user's id everywhere (hold owners, bookings, idempotency keys, Postgres text columns), so
 * it must be text those can hold: at most 255 characters (OpenID Connect Core 1.0, §2, "sub") with no control
 * characters. A NUL in it failed every Postgres query of the user as a 500. Whether a subject is required at all is
 * a separate check.
 */
final class PrintableSubjects implements OAuth2TokenValidator<Jwt> {

	static final int MAX_LENGTH = 255;

	private static final OAuth2TokenValidatorResult UNPRINTABLE = OAuth2TokenValidatorResult.failure(new OAuth2Error(
			OAuth2ErrorCodes.INVALID_TOKEN, "The token's subject must be at most " + MAX_LENGTH + " characters without control characters", null));

	@Override
	public OAuth2TokenValidatorResult validate(Jwt token) {
		String subject = token.getSubject();
		return subject == null || isPrintable(subject) ? OAuth2TokenValidatorResult.success() : UNPRINTABLE;
	}

	static boolean isPrintable(String subject) {
		if (subject.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < subject.length(); i++) {
			if (Character.isISOControl(subject.charAt(i))) {
				return false;
			}
		}
		return true;
	}
}
