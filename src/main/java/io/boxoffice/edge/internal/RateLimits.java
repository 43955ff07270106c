package io.boxoffice.edge.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.boxoffice.edge.ProblemTypes;
import io.boxoffice.platform.EventLoopRedis;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Redis token buckets in front of every API route class. Answers 429 with {@code Retry-After}, and on every
 * limited response the IETF draft {@code RateLimit-Policy} / {@code RateLimit} headers so well-behaved
 * clients slow down before they are refused. Registered after Spring Security, so it sees the token's user.
 */
class RateLimits implements WebFilter {

	private static final Logger log = LoggerFactory.getLogger(RateLimits.class);
	private static final int MAX_CACHED_PROXIES = 50_000;

	private final AsyncProxyManager<String> buckets;
	private final RateLimitSettings settings;
	private final ProblemWriter writer;
	private final MeterRegistry meters;
	private final EventLoopRedis redis;
	/**
	 * One proxy per bucket key, kept so that concurrent requests of one caller are batched into a single Redis
	 * round trip (Bucket4j's Redis buckets compare-and-swap: without batching, a busy key spins on retries and
	 * one client behind one IP tops out at a few hundred requests per second).
	 */
	private final Map<String, AsyncBucketProxy> proxies = new ConcurrentHashMap<>();

	RateLimits(AsyncProxyManager<String> buckets, RateLimitSettings settings, ProblemWriter writer, MeterRegistry meters,
			EventLoopRedis redis) {
		this.redis = redis;
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
					? limited(exchange, chain, route, caller, limit.period())
					: signedInWithCeiling(exchange, chain, route, caller,
							new Caller("sip:" + clientAddress(exchange), limit.signedInPerIp(), true), limit.period()));
	}

	/** @param perAddress whether the bucket is shared by everyone at the client's address, for the 429's wording */
	private record Caller(String key, long capacity, boolean perAddress) {
	}

	private Mono<Void> limited(ServerWebExchange exchange, WebFilterChain chain, RouteClass route, Caller caller, Duration period) {
		return consume(route, caller, period)
			.flatMap(probe -> probe.map(p -> decide(exchange, chain, route, caller, period, p))
				.orElseGet(() -> chain.filter(exchange)));
	}

	/**
	 * A signed-in caller draws from their own bucket and, on routes with a ceiling, from their address's too (one
	 * address minting users must not multiply its share); both in one round trip. The user's own bucket is what the
	 * headers report unless the address's ceiling is what refuses.
	 */
	private Mono<Void> signedInWithCeiling(ServerWebExchange exchange, WebFilterChain chain, RouteClass route, Caller user,
			Caller address, Duration period) {
		return Mono.zip(consume(route, user, period), consume(route, address, period)).flatMap(probes -> {
			Optional<ConsumptionProbe> own = probes.getT1();
			Optional<ConsumptionProbe> ceiling = probes.getT2();
			boolean ownAllows = own.map(ConsumptionProbe::isConsumed).orElse(true);
			if (ownAllows && ceiling.isPresent() && !ceiling.get().isConsumed()) {
				return decide(exchange, chain, route, address, period, ceiling.get());
			}
			return own.map(p -> decide(exchange, chain, route, user, period, p)).orElseGet(() -> chain.filter(exchange));
		});
	}

	private Mono<Optional<ConsumptionProbe>> consume(RouteClass route, Caller caller, Duration period) {
		// The limit is part of the key: Redis keeps a bucket's configuration, so a changed limit must mean a new bucket.
		String key = "rl:" + route.key() + ":" + caller.capacity() + "/" + period.toSeconds() + ":" + caller.key();
		Supplier<CompletableFuture<BucketConfiguration>> configuration = () -> CompletableFuture.completedFuture(
				BucketConfiguration.builder()
					.addLimit(bandwidth -> bandwidth.capacity(caller.capacity()).refillGreedy(caller.capacity(), period))
					.build());
		// Bucket4j completes its future on Lettuce's I/O thread; the rest of the request must not run there.
		return redis.answer(() -> proxy(key, configuration).tryConsumeAndReturnRemaining(1))
			.timeout(settings.timeout())
			.map(Optional::of)
			.onErrorResume(failure -> {
				// Fail open: viewing must survive a Redis blip; the counter shows how often it happens.
				log.warn("Rate limit check failed for {}, letting the request through: {}", route.key(), failure.toString());
				meters.counter("boxoffice.rate_limit.errors", "route", route.key()).increment();
				return Mono.just(Optional.empty());
			});
	}

	private AsyncBucketProxy proxy(String key, Supplier<CompletableFuture<BucketConfiguration>> configuration) {
		if (proxies.size() > MAX_CACHED_PROXIES) {
			proxies.clear(); // crude but bounded: proxies are cheap to rebuild, the state lives in Redis
		}
		return proxies.computeIfAbsent(key,
				k -> buckets.builder().withOptimization(Optimizations.batching()).build(k, configuration));
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
