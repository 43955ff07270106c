package io.boxoffice.edge.internal;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.boxoffice.edge.internal.RateLimitBuckets.Caller;
import io.boxoffice.edge.internal.RateLimitSettings.Limit;
import io.boxoffice.edge.internal.RateLimitSettings.Local;
import io.boxoffice.edge.internal.RateLimitSettings.Sync;
import io.boxoffice.platform.EventLoopRedis;
import io.boxoffice.support.IntegrationTest;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate-limit buckets decided locally and settled with the real Redis in batches: how many checks skip Redis, and how
 * far two instances together may exceed a bucket (docs/api.md, "Rate limits"). Each {@link RateLimitBuckets} here
 * stands for one instance: its copies of the buckets are its own, the buckets in Redis are shared.
 */
@IntegrationTest
class LocalRateLimitIT {

	static final long CAPACITY = 100;
	static final double SHARE = 0.1; // 10 requests an instance may decide alone
	static final Limit LOCAL = new Limit(CAPACITY, CAPACITY, Duration.ofHours(1), 0, Sync.LOCAL);
	static final Limit EXACT = new Limit(CAPACITY, CAPACITY, Duration.ofHours(1), 0, Sync.EXACT);

	@Autowired
	AsyncProxyManager<String> buckets;

	@Autowired
	EventLoopRedis redis;

	@Test
	void aLocalRouteAsksRedisOncePerShareOfTheBucketAndCountsExactlyOnOneInstance() {
		MeterRegistry meters = new SimpleMeterRegistry();
		RateLimitBuckets instance = instance(meters);
		Caller caller = caller();

		long lastRemaining = -1;
		for (int i = 0; i < 55; i++) {
			lastRemaining = take(instance, caller, LOCAL).getRemainingTokens();
		}

		// Redis is asked on the first check and then once per 11 (10 decided here, then a settle): 5 of 55.
		assertThat(meters.counter("boxoffice.rate_limit.local_decisions").count()).isEqualTo(50);
		assertThat(lastRemaining).as("one instance counts every request").isEqualTo(CAPACITY - 55);
	}

	@Test
	void anExactRouteAsksRedisEveryTime() {
		MeterRegistry meters = new SimpleMeterRegistry();
		RateLimitBuckets instance = instance(meters);
		Caller caller = caller();

		for (int i = 0; i < 20; i++) {
			take(instance, caller, EXACT);
		}

		assertThat(meters.counter("boxoffice.rate_limit.local_decisions").count()).isZero();
	}

	@Test
	void twoInstancesTogetherAdmitAtMostTheCapacityPlusEachOnesShare() {
		RateLimitBuckets a = instance(new SimpleMeterRegistry());
		RateLimitBuckets b = instance(new SimpleMeterRegistry());
		Caller caller = caller();

		int admitted = 0;
		int admittedInTheLastHundred = 0;
		for (int i = 0; i < 400; i++) {
			// Uneven turns, so that each instance's copy is stale by the other's unsettled requests at times.
			RateLimitBuckets instance = (i % 7 < 4) ? a : b;
			if (take(instance, caller, LOCAL).isConsumed()) {
				admitted++;
				admittedInTheLastHundred += i >= 300 ? 1 : 0;
			}
		}

		long share = Math.round(CAPACITY * SHARE);
		assertThat(admitted).as("capacity %d, at most %d unsettled per instance", CAPACITY, share)
			.isBetween((int) CAPACITY, (int) (CAPACITY + 2 * share));
		assertThat(admittedInTheLastHundred).as("once both have settled, the shared bucket refuses both").isZero();
	}

	@Test
	void twoInstancesOnAnExactRouteAdmitExactlyTheCapacity() {
		RateLimitBuckets a = instance(new SimpleMeterRegistry());
		RateLimitBuckets b = instance(new SimpleMeterRegistry());
		Caller caller = caller();

		int admitted = 0;
		for (int i = 0; i < 150; i++) {
			admitted += take(i % 3 == 0 ? a : b, caller, EXACT).isConsumed() ? 1 : 0;
		}

		assertThat(admitted).isEqualTo((int) CAPACITY);
	}

	private RateLimitBuckets instance(MeterRegistry meters) {
		var settings = new RateLimitSettings(true, Duration.ofSeconds(5), new Local(SHARE, Duration.ofMinutes(10)), Map.of());
		return new RateLimitBuckets(buckets, settings, redis, meters);
	}

	private static Caller caller() {
		return new Caller("ip:test-" + UUID.randomUUID(), CAPACITY, true);
	}

	private static ConsumptionProbe take(RateLimitBuckets instance, Caller caller, Limit limit) {
		return instance.consume(RouteClass.READS, caller, limit).block().orElseThrow(() -> new AssertionError("Redis did not answer"));
	}
}
