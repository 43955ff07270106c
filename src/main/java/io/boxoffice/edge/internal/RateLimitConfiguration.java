package io.boxoffice.edge.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.boxoffice.platform.EventLoopRedis;
import io.boxoffice.platform.RedisConnections;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitSettings.class)
@ConditionalOnBooleanProperty(name = "boxoffice.rate-limits.enabled", matchIfMissing = true)
class RateLimitConfiguration {

	/** A connection of the platform's (standalone, Sentinel or Cluster), as Bucket4j's builder wants it. */
	@Bean(destroyMethod = "close")
	StatefulConnection<String, byte[]> rateLimitRedisConnection(RedisConnections redis) {
		return redis.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), standalone -> standalone,
				cluster -> cluster);
	}

	@Bean
	@SuppressWarnings("unchecked")
	AsyncProxyManager<String> rateLimitBuckets(StatefulConnection<String, byte[]> connection) {
		var builder = connection instanceof StatefulRedisClusterConnection<?, ?> cluster
				? Bucket4jLettuce.casBasedBuilder((StatefulRedisClusterConnection<String, byte[]>) cluster)
				: Bucket4jLettuce.casBasedBuilder((StatefulRedisConnection<String, byte[]>) connection);
		return builder
			// A bucket's key lives only as long as it takes to refill; idle callers leave nothing behind.
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build()
			.asAsync();
	}

	@Bean
	@Order(0) // after Spring Security's filter chain (-100), so the caller's identity is known
	RateLimits rateLimits(AsyncProxyManager<String> buckets, RateLimitSettings settings, ProblemWriter writer,
			MeterRegistry meters, EventLoopRedis redis) {
		return new RateLimits(new RateLimitBuckets(buckets, settings, redis, meters), settings, writer, meters);
	}
}
