package io.boxoffice.platform;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The timer Lettuce expires Redis commands with ({@code spring.data.redis.timeout}), ticking every
 * {@link #TICK} instead of Netty's default 100 ms.
 *
 * <p>Why: Lettuce puts every command's timeout on this timer's wheel. A command that completes cancels its timeout,
 * but the wheel only drops cancelled timeouts on its next tick, and until then the timeout's task keeps the command
 * reachable, and through the command's subscriber the whole HTTP request that waited on it. Under hold load (a few
 * thousand commands a second) a tick's worth of finished requests, 2–18 MB, survived every young collection, and a
 * serial young pause costs about 2 ms per surviving MB: pauses of 24 ms on average, 55 ms at worst. With a 10 ms
 * tick, 2 MB survive and pauses average 8.5 ms (BENCHMARKS.md, "What we tried"). The cost is the timer thread waking
 * 100 times a second; the timeouts themselves are seconds long, so the finer tick changes nothing else.
 */
@Configuration(proxyBeanMethods = false)
class RedisCommandTimer {

	private static final Duration TICK = Duration.ofMillis(10);

	/**
	 * Lettuce does not stop a timer it was given, so the context does, after the client resources that use it
	 * (they are created after it, so they are destroyed before it).
	 */
	@Bean(destroyMethod = "stop")
	HashedWheelTimer redisCommandTimeouts() {
		return new HashedWheelTimer(new DefaultThreadFactory("lettuce-timer", true), TICK.toNanos(), TimeUnit.NANOSECONDS);
	}

	@Bean
	ClientResourcesBuilderCustomizer redisCommandTimeoutsOnTheFineTimer(HashedWheelTimer redisCommandTimeouts) {
		return resources -> resources.timer(redisCommandTimeouts);
	}
}
