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
import io.lettuce.core.RedisURI;
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

	/**
	 * A client of its own, to the Redis Spring is configured for: a connection borrowed from Spring's client would die
	 * whenever that factory is stopped and started again (a lifecycle restart), leaving every limit failing open.
	 */
	@Bean(destroyMethod = "shutdown")
	RedisClient rateLimitRedisClient(LettuceConnectionFactory redis) {
		var config = redis.getStandaloneConfiguration();
		var uri = RedisURI.builder()
			.withHost(config.getHostName())
			.withPort(config.getPort())
			.withDatabase(config.getDatabase())
			.withSsl(redis.getClientConfiguration().isUseSsl())
			.withTimeout(redis.getTimeout() > 0 ? Duration.ofMillis(redis.getTimeout()) : Duration.ofSeconds(2));
		config.getPassword().toOptional().ifPresent(password -> {
			if (config.getUsername() != null) {
				uri.withAuthentication(config.getUsername(), password);
			}
			else {
				uri.withPassword(password);
			}
		});
		return RedisClient.create(uri.build());
	}

	@Bean(destroyMethod = "close")
	StatefulRedisConnection<String, byte[]> rateLimitRedisConnection(RedisClient rateLimitRedisClient) {
		return rateLimitRedisClient.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
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
