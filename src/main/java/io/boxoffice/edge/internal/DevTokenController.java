package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo only: hands out a signed token for any user and roles, so a newcomer can try holds, bookings and
 * the admin API without an identity provider. The bean exists only in the {@code demo} profile and with
 * {@code boxoffice.security.dev-tokens.enabled=true} (both: a profile switched on by mistake must not hand out
 * admin tokens), so the route is a plain 404 in production.
 */
@RestController
@Profile("demo")
@ConditionalOnBooleanProperty("boxoffice.security.dev-tokens.enabled")
class DevTokenController {

	private final TokenIssuer issuer;
	private final SecuritySettings settings;

	DevTokenController(SecuritySettings settings, Clock clock) {
		this.issuer = new TokenIssuer(settings, clock);
		this.settings = settings;
	}

	record TokenRequest(
			@NotEmpty @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._@-]+", message = "may only contain letters, digits and . _ @ -") String user,
			@NotEmpty Set<@Pattern(regexp = "USER|ADMIN|SCANNER|SCANNER:[0-9]{1,18}", message = "must be USER, ADMIN, SCANNER or SCANNER:<eventId>") String> roles,
			@Size(max = 254) @Email String email) {
	}

	record TokenResponse(String token, String tokenType, Instant expiresAt, String user, Set<String> roles) {
	}

	@PostMapping("/api/dev/token")
	@io.swagger.v3.oas.annotations.Operation(summary = "Issue a development token (dev profile only)")
	TokenResponse issue(@Valid @RequestBody TokenRequest request) {
		var issued = request.email() == null ? issuer.issue(request.user(), request.roles(), settings.devTokenTtl())
				: issuer.issue(request.user(), request.roles(), settings.devTokenTtl(), request.email());
		return new TokenResponse(issued.token(), "Bearer", issued.expiresAt(), request.user(), request.roles());
	}
}
