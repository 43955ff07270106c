package io.boxoffice.edge.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitSettings.class)
@ConditionalOnBooleanProperty(name = "boxoffice.rate-limits.enabled", matchIfMissing = true)
class RateLimitConfiguration {

	/** One extra connection on the client Spring already configured (host, password, TLS), with the codec Bucket4j wants. */
	@Bean(destroyMethod = "close")
	StatefulRedisConnection<String, byte[]> rateLimitRedisConnection(LettuceConnectionFactory redis) {
		RedisClient client = (RedisClient) redis.getNativeClient();
		return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
	}

	@Bean
	AsyncProxyManager<String> rateLimitBuckets(StatefulRedisConnection<String, byte[]> connection) {
		return Bucket4jLettuce.casBasedBuilder(connection)
			// A bucket's key lives only as long as it takes to refill; idle callers leave nothing behind.
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
			.build()
			.asAsync();
	}

	@Bean
	@Order(0) // after Spring Security's filter chain (-100), so the caller's identity is known
	RateLimits rateLimits(AsyncProxyManager<String> buckets, RateLimitSettings settings, ProblemWriter writer,
			MeterRegistry meters) {
		return new RateLimits(buckets, settings, writer, meters);
	}
}
