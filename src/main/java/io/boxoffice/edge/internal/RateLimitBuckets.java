package io.boxoffice.edge.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import io.boxoffice.platform.EventLoopRedis;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.OptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * This instance's handles on the shared token buckets in Redis: takes one token from a caller's bucket for a route
 * class. An {@link RateLimitSettings.Sync#EXACT exact} route asks Redis every time, concurrent requests of one
 * bucket sharing a round trip; a {@link RateLimitSettings.Sync#LOCAL local} route keeps a copy of the bucket here
 * and settles with Redis in batches (Bucket4j's delaying optimization), so a read costs no round trip of its own.
 */
class RateLimitBuckets {

	private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);
	private static final int MAX_CACHED_PROXIES = 50_000;

	/** A bucket's owner: {@code u:<user>}, {@code ip:<address>} or {@code sip:<address>}, and its size. */
	record Caller(String key, long capacity, boolean perAddress) {
	}

	private final AsyncProxyManager<String> buckets;
	private final RateLimitSettings settings;
	private final EventLoopRedis redis;
	private final MeterRegistry meters;
	private final OptimizationListener decidedHere;
	/**
	 * One proxy per bucket key. It must outlive the request: it is what batches one bucket's concurrent requests
	 * into a single round trip (Bucket4j's Redis buckets compare-and-swap; without batching a busy key spins on
	 * retries), and for a local route it holds this instance's copy of the bucket.
	 */
	private final Map<String, AsyncBucketProxy> proxies = new ConcurrentHashMap<>();

	RateLimitBuckets(AsyncProxyManager<String> buckets, RateLimitSettings settings, EventLoopRedis redis, MeterRegistry meters) {
		this.buckets = buckets;
		this.settings = settings;
		this.redis = redis;
		this.meters = meters;
		Counter local = Counter.builder("boxoffice.rate_limit.local_decisions")
			.description("Rate limit checks decided from this instance's copy of the bucket, without a Redis round trip")
			.register(meters);
		Counter merged = Counter.builder("boxoffice.rate_limit.merged_checks")
			.description("Rate limit checks that shared another check's Redis round trip")
			.register(meters);
		this.decidedHere = new OptimizationListener() {
			@Override
			public void incrementSkipCount(int count) {
				local.increment(count);
			}

			@Override
			public void incrementMergeCount(int count) {
				merged.increment(count);
			}
		};
	}

	/**
	 * Takes a token from the caller's bucket of this route class. Empty when Redis could not answer in time: limits
	 * fail open, since viewing must survive a Redis blip ({@code boxoffice.rate_limit.errors} counts it).
	 */
	Mono<Optional<ConsumptionProbe>> consume(RouteClass route, Caller caller, RateLimitSettings.Limit limit) {
		// The limit is part of the key: Redis keeps a bucket's configuration, so a changed limit must mean a new bucket.
		String key = "rl:" + route.key() + ":" + caller.capacity() + "/" + limit.period().toSeconds() + ":" + caller.key();
		return Mono.defer(() -> {
			CompletableFuture<ConsumptionProbe> probe = proxy(key, caller.capacity(), limit).tryConsumeAndReturnRemaining(1);
			return probe.isDone()
					? Mono.fromFuture(probe) // decided here: no Redis reply to hop off
					// Bucket4j completes a Redis answer on Lettuce's I/O thread; the rest of the request must not run there.
					: redis.answer(() -> probe);
		})
			.timeout(settings.timeout())
			.map(Optional::of)
			.onErrorResume(failure -> {
				log.warn("Rate limit check failed for {}, letting the request through: {}", route.key(), failure.toString());
				meters.counter("boxoffice.rate_limit.errors", "route", route.key()).increment();
				return Mono.just(Optional.empty());
			});
	}

	private Optimization optimization(RateLimitSettings.Sync sync, long capacity) {
		Optimization optimization = switch (sync) {
			case EXACT -> Optimizations.batching();
			case LOCAL -> Optimizations.delaying(
					new DelayParameters(settings.local().unsynchronized(capacity), settings.local().syncWithin()));
		};
		return optimization.withListener(decidedHere);
	}

	/** The bucket's proxy, built (with its configuration and optimization) only the first time its key is seen. */
	private AsyncBucketProxy proxy(String key, long capacity, RateLimitSettings.Limit limit) {
		if (proxies.size() > MAX_CACHED_PROXIES) {
			// Crude but bounded: proxies are cheap to rebuild and the state lives in Redis. A local bucket's unsettled
			// requests (at most its share) are forgotten with it, so a caller may get that many extra once.
			proxies.clear();
		}
		return proxies.computeIfAbsent(key, k -> {
			Supplier<CompletableFuture<BucketConfiguration>> configuration = () -> CompletableFuture.completedFuture(
					BucketConfiguration.builder()
						.addLimit(bandwidth -> bandwidth.capacity(capacity).refillGreedy(capacity, limit.period()))
						.build());
			return buckets.builder().withOptimization(optimization(limit.sync(), capacity)).build(k, configuration);
		});
	}
}
