package io.boxoffice.edge.internal;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SheddingSettings.class)
class LoadSheddingConfiguration {

	/**
	 * How often the limit is recomputed from the latencies seen since the last time: one sample per request would let
	 * a single slow search move the limit; a second-long window (the library's default) reacts too late to an on-sale.
	 */
	private static final long WINDOW_MILLIS = 500;

	/** Always there, so the waiting room has one to ask: with shedding off it never hears of a shed and says 1.0. */
	@Bean
	CheckoutSheds checkoutSheds(SheddingSettings settings, Clock clock, MeterRegistry meters) {
		var sheds = new CheckoutSheds(clock, settings.pressureHalfLife());
		Gauge.builder("boxoffice.shedding.admission_factor", sheds, CheckoutSheds::admissionFactor)
			.description("How much of its configured rate the waiting room admits, given how much checkout is shed")
			.register(meters);
		return sheds;
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 20) // after correlation ids and body limits, before security and rate limits
	@ConditionalOnBooleanProperty(name = "boxoffice.edge.shedding.enabled", matchIfMissing = true)
	LoadShedding loadShedding(SheddingSettings settings, ProblemWriter writer, CheckoutSheds checkoutSheds,
			MeterRegistry meters) {
		return new LoadShedding(limiter(settings), settings, writer, checkoutSheds, meters);
	}

	/**
	 * Netflix's partitioned limiter: below the limit any partition may take a place; at or over it, a partition gets
	 * one only while it is using less than its guaranteed share. Gradient2 grows the limit while latency stays near its
	 * long-run average and cuts it when latency climbs (requests queueing somewhere inside).
	 */
	static AbstractLimiter<ShedPartition> limiter(SheddingSettings settings) {
		var gradient = Gradient2Limit.newBuilder()
			.initialLimit(settings.initialLimit())
			.minLimit(settings.minLimit())
			.maxConcurrency(settings.maxLimit())
			.build();
		var limit = WindowedLimit.newBuilder()
			.minWindowTime(WINDOW_MILLIS, TimeUnit.MILLISECONDS)
			.maxWindowTime(WINDOW_MILLIS, TimeUnit.MILLISECONDS)
			.build(gradient);
		var builder = new PartitionedLimiterBuilder().named("boxoffice").limit(limit).partitionResolver(ShedPartition::key);
		for (ShedPartition partition : ShedPartition.values()) {
			builder.partition(partition.key(), settings.shares().of(partition));
		}
		return new AbstractPartitionedLimiter<>(builder) {
		};
	}

	private static final class PartitionedLimiterBuilder
			extends AbstractPartitionedLimiter.Builder<PartitionedLimiterBuilder, ShedPartition> {

		@Override
		protected PartitionedLimiterBuilder self() {
			return this;
		}
	}
}
