package io.boxoffice.edge.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Stateless bearer-token security. Reads are public; holds, bookings and the waiting room need a USER (or ADMIN) token;
 * {@code /api/admin/**} needs ADMIN; checking tickets in needs SCANNER (or SCANNER:&lt;eventId&gt;). The user is the token's {@code sub} and nothing else, and roles come
 * from its {@code roles} claim. Every refusal is a problem+json written by {@link SecurityProblems}.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties({ SecuritySettings.class, EdgeSettings.class })
class SecurityConfiguration {

	static final String ROLES_CLAIM = "roles";

	@Bean
	SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
			SecurityProblems problems, Clock clock) {
		return http
			.csrf(ServerHttpSecurity.CsrfSpec::disable) // no cookies, no sessions: bearer tokens are not sent by browsers on their own
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.authorizeExchange(routes -> routes
				.pathMatchers("/api/admin/**").hasRole("ADMIN")
				.pathMatchers("/api/holds/**", "/api/bookings/**").hasAnyRole("USER", "ADMIN")
				.pathMatchers("/api/queue/**").hasAnyRole("USER", "ADMIN")
				.pathMatchers(HttpMethod.POST, "/api/events/*/queue").hasAnyRole("USER", "ADMIN")
				.pathMatchers("/api/events/*/waitlist", "/api/events/*/waitlist/**").hasAnyRole("USER", "ADMIN")
				.pathMatchers(HttpMethod.POST, "/api/dev/token", "/api/payments/stripe/webhook").permitAll()
				.pathMatchers(HttpMethod.POST, "/api/events/{eventId}/check-ins").access(new ScannerAccess())
				// Public resources: any method passes security, so a wrong one is an honest 405, not a 401.
				.pathMatchers("/api/events/**", "/api/search/**", "/ws/**").permitAll()
				.pathMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
				.pathMatchers("/actuator/**").hasRole("ADMIN")
				.pathMatchers(HttpMethod.GET, "/**").permitAll()
				.pathMatchers(HttpMethod.HEAD, "/**").permitAll()
				.pathMatchers(HttpMethod.OPTIONS, "/**").permitAll()
				.anyExchange().authenticated())
			.oauth2ResourceServer(resourceServer -> resourceServer
				.bearerTokenConverter(new BearerTokens())
				.jwt(jwt -> jwt.authenticationManager(recentTokens(jwtDecoder, clock)))
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	/**
	 * No Spring Security observations: they would time each filter of the chain, each authentication and each
	 * authorization as spans for tracing, which we do not export; {@code http.server.requests} times the whole
	 * request. Turning them off with {@code management.observations.enable.spring.security} was not enough: the
	 * chain was still wrapped in observing decorators, a few per cent of a seat hold's CPU (BENCHMARKS.md, "What
	 * we tried"). With this bean Spring Security does not wrap anything.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	ReactiveJwtDecoder jwtDecoder(SecuritySettings settings, Clock clock) {
		return TokenVerification.decoder(settings, clock);
	}

	/** Verifies a token and reads its roles once, then remembers the result for the token's next requests. */
	private static RecentTokens recentTokens(ReactiveJwtDecoder decoder, Clock clock) {
		var verifier = new JwtReactiveAuthenticationManager(decoder);
		verifier.setJwtAuthenticationConverter(rolesFromClaim());
		return new RecentTokens(verifier, clock, Duration.ofMinutes(5), 100_000);
	}

	static SecretKey secretKey(SecuritySettings settings) {
		return new SecretKeySpec(settings.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	private static ReactiveJwtAuthenticationConverterAdapter rolesFromClaim() {
		var authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(ROLES_CLAIM);
		authorities.setAuthorityPrefix("ROLE_");
		var converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		return new ReactiveJwtAuthenticationConverterAdapter(converter);
	}
}
