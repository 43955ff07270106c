package io.boxoffice.edge.internal;

import reactor.core.publisher.Mono;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.server.authorization.AuthorizationContext;

/**
 * Who may check tickets in at an event: a token whose {@code roles} hold {@code SCANNER} (every event) or
 * {@code SCANNER:<eventId>} (that event only, e.g. a gate crew hired for one night). Matched against the
 * {@code eventId} path variable of the route it guards.
 */
final class ScannerAccess implements ReactiveAuthorizationManager<AuthorizationContext> {

	static final String ALL_EVENTS = "ROLE_SCANNER";

	@Override
	public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
		Object eventId = context.getVariables().get("eventId");
		String oneEvent = ALL_EVENTS + ":" + eventId;
		return authentication.filter(Authentication::isAuthenticated)
			.map(auth -> auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
				.anyMatch(role -> role.equals(ALL_EVENTS) || role.equals(oneEvent)))
			.defaultIfEmpty(false)
			.map(AuthorizationDecision::new);
	}
}
