package io.boxoffice;

import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Lettuce's Redis connection runs on one of the HTTP server's event loops instead of an I/O thread of its own
 * ({@code boxoffice.redis.on-server-event-loops}, on by default).
 *
 * <p>Why: with a thread of its own, every Redis command woke that thread to write it, and every reply woke it to
 * read it and then woke the request's event loop to go on; on two cores a seat hold paid for those wake-ups in
 * context switches. On the server's loops, a command issued on the connection's own loop is written at once and
 * its reply is read where the request continues, and the busy loops rarely need waking for the others. Measured
 * on two cores (BENCHMARKS.md, fifteenth session): 6% more holds per second at saturation and 13% less of the
 * service's CPU per hold. The price: that one loop also carries every Redis reply of the instance besides its
 * share of HTTP connections, so at saturation it is the busiest thread (0.13–0.19 of the two cores stayed idle,
 * against 0.09 before). On a machine with many cores, where that loop's HTTP share is small and a dedicated thread
 * costs little, turning this off may serve better; measure both.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "boxoffice.redis.on-server-event-loops", havingValue = "true", matchIfMissing = true)
class RedisOnServerEventLoops {

	/**
	 * The server runs on {@link ReactorResourceFactory#getLoopResources()} (Boot's Netty server factory asks for
	 * them), so Lettuce gets the same loops. Depending on the factory also orders shutdown: the loops are disposed
	 * when it stops, after the Redis connection factory that depends on it through the client resources.
	 */
	@Bean
	ClientResourcesBuilderCustomizer redisOnTheServersEventLoops(ReactorResourceFactory netty) {
		EventLoopGroup serverLoops = netty.getLoopResources().onServer(true);
		return resources -> resources.eventLoopGroupProvider(new LentLoops(serverLoops));
	}

	/** The server's loops, lent to Lettuce: it registers its channel there but neither owns nor shuts them down. */
	private record LentLoops(EventLoopGroup loops) implements EventLoopGroupProvider {

		@Override
		@SuppressWarnings("unchecked")
		public <T extends EventLoopGroup> T allocate(Class<T> type) {
			if (!type.isInstance(loops)) {
				throw new IllegalStateException("Lettuce asked for " + type.getName() + " but the server's event loops are "
						+ loops.getClass().getName() + "; set boxoffice.redis.on-server-event-loops=false");
			}
			return (T) loops;
		}

		@Override
		public int threadPoolSize() {
			int size = 0;
			for (var ignored : loops) {
				size++;
			}
			return size;
		}

		@Override
		public Future<Boolean> release(EventExecutorGroup group, long quietPeriod, long timeout, TimeUnit unit) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
		}

		@Override
		public Future<Boolean> shutdown(long quietPeriod, long timeout, TimeUnit unit) {
			return ImmediateEventExecutor.INSTANCE.newSucceededFuture(true);
		}
	}
}
