package io.boxoffice.platform;

import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Redis command latencies ({@code lettuce_command_completion_seconds}, {@code lettuce_command_firstresponse_seconds},
 * by command), recorded by Lettuce itself when a command completes.
 *
 * <p>They replace Lettuce's command observation ({@code lettuce_seconds}), which {@code application.yml} turns off
 * (it excludes {@code LettuceObservationAutoConfiguration}): that observation registers its stop before it starts it, so a
 * command cancelled on another thread in between (a {@code Mono.zip} whose other source failed, a timeout) stops an
 * observation that was never started; Micrometer's meter handler then throws out of the cancelling operator, which
 * never signals its subscriber, and the HTTP request waiting on it is never answered (seen as a hang of
 * {@code KeepAliveConnectionIT} on the unknown-event request, whose Postgres miss cancels the Redis cache read).
 * The recorder below has no start and stop to race: it reads the timestamps of completed commands.
 */
@Configuration(proxyBeanMethods = false)
class RedisCommandMetrics {

	@Bean
	ClientResourcesBuilderCustomizer redisCommandLatencies(ObjectProvider<MeterRegistry> meters) {
		return resources -> meters.ifAvailable(registry -> resources
			.commandLatencyRecorder(new MicrometerCommandLatencyRecorder(registry, MicrometerOptions.create())));
	}
}
