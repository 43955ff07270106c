package io.boxoffice.edge.internal;

import java.time.Duration;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.boxoffice.edge.ProblemTypes;
import io.boxoffice.edge.internal.RateLimitBuckets.Caller;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Token buckets in front of every API route class, shared through Redis ({@link RateLimitBuckets}). Answers 429
 * with {@code Retry-After}, and on every limited response the IETF draft {@code RateLimit-Policy} /
 * {@code RateLimit} headers so well-behaved clients slow down before they are refused. Registered after Spring
 * Security, so it sees the token's user.
 */
class RateLimits implements WebFilter {

	private final RateLimitBuckets buckets;
	private final RateLimitSettings settings;
	private final ProblemWriter writer;
	private final MeterRegistry meters;

	RateLimits(RateLimitBuckets buckets, RateLimitSettings settings, ProblemWriter writer, MeterRegistry meters) {
		this.buckets = buckets;
		this.settings = settings;
		this.writer = writer;
		this.meters = meters;
	}

	/** A constant: WebFlux's filter chain names a checkpoint with it on every request. */
	@Override
	public String toString() {
		return "RateLimits";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		RouteClass route = RouteClass.of(exchange.getRequest());
		if (route == null) {
			return chain.filter(exchange);
		}
		RateLimitSettings.Limit limit = settings.limitFor(route);
		return exchange.getPrincipal()
			.map(principal -> new Caller("u:" + principal.getName(), limit.perUser(), false))
			.switchIfEmpty(Mono.fromSupplier(() -> new Caller("ip:" + clientAddress(exchange), limit.perIp(), true)))
			.flatMap(caller -> caller.perAddress() || limit.signedInPerIp() <= 0
					? limited(exchange, chain, route, caller, limit)
					: signedInWithCeiling(exchange, chain, route, caller,
							new Caller("sip:" + clientAddress(exchange), limit.signedInPerIp(), true), limit));
	}

	private Mono<Void> limited(ServerWebExchange exchange, WebFilterChain chain, RouteClass route, Caller caller,
			RateLimitSettings.Limit limit) {
		return buckets.consume(route, caller, limit)
			.flatMap(probe -> probe.map(p -> decide(exchange, chain, route, caller, limit.period(), p))
				.orElseGet(() -> chain.filter(exchange)));
	}

	/**
	 * A signed-in caller draws from their own bucket and, on routes with a ceiling, from their address's too (one
	 * address minting users must not multiply its share); both in one round trip. The user's own bucket is what the
	 * headers report unless the address's ceiling is what refuses.
	 */
	private Mono<Void> signedInWithCeiling(ServerWebExchange exchange, WebFilterChain chain, RouteClass route, Caller user,
			Caller address, RateLimitSettings.Limit limit) {
		Duration period = limit.period();
		return Mono.zip(buckets.consume(route, user, limit), buckets.consume(route, address, limit)).flatMap(probes -> {
			Optional<ConsumptionProbe> own = probes.getT1();
			Optional<ConsumptionProbe> ceiling = probes.getT2();
			boolean ownAllows = own.map(ConsumptionProbe::isConsumed).orElse(true);
			if (ownAllows && ceiling.isPresent() && !ceiling.get().isConsumed()) {
				return decide(exchange, chain, route, address, period, ceiling.get());
			}
			return own.map(p -> decide(exchange, chain, route, user, period, p)).orElseGet(() -> chain.filter(exchange));
		});
	}

	private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, RouteClass route, Caller caller,
			Duration period, ConsumptionProbe probe) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		String policy = "\"" + route.key() + "\"";
		headers.set("RateLimit-Policy", policy + ";q=" + caller.capacity() + ";w=" + period.toSeconds());
		headers.set("RateLimit", policy + ";r=" + probe.getRemainingTokens() + ";t=" + ceilSeconds(probe.getNanosToWaitForReset()));
		if (probe.isConsumed()) {
			return chain.filter(exchange);
		}
		long retryAfter = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		meters.counter("boxoffice.rate_limit.rejected", "route", route.key()).increment();
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.RATE_LIMITED,
				"Too many requests", (caller.perAddress() ? "Your address has" : "You have") + " used this route's "
						+ caller.capacity() + " requests per " + period.toSeconds() + " s; retry in " + retryAfter + " s");
		problem.setProperty("retryAfterSeconds", retryAfter);
		problem.setProperty("routeClass", route.key());
		return writer.write(exchange, problem);
	}

	private static String clientAddress(ServerWebExchange exchange) {
		var address = exchange.getRequest().getRemoteAddress();
		return address == null || address.getAddress() == null ? "unknown" : address.getAddress().getHostAddress();
	}

	private static long ceilSeconds(long nanos) {
		return (nanos + 999_999_999L) / 1_000_000_000L;
	}
}
