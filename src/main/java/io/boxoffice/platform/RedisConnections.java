package io.boxoffice.platform;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.RedisCodec;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Connections of their own for a client library that needs a Lettuce connection (Bucket4j's rate-limit buckets),
 * to the Redis Spring is configured for, standalone, Sentinel or Cluster, on the shared client resources.
 *
 * <p>Why not Spring Data's own connection: it dies whenever that factory is stopped and started again (a lifecycle
 * restart), which would leave such a library failing open for good. Their answers come on Lettuce's I/O threads:
 * the caller hands them on with {@link EventLoopRedis#answer}.
 */
@Component
public final class RedisConnections implements DisposableBean {

	private final RedisSetup setup;
	private final AbstractRedisClient client;

	RedisConnections(LettuceConnectionFactory shared) {
		this.setup = new RedisSetup(shared);
		this.client = setup.newClient(setup.sharedResources());
	}

	/**
	 * Opens a connection with the codec and hands it to the function for its kind: a {@link StatefulRedisConnection}
	 * (standalone, Sentinel) or a {@link StatefulRedisClusterConnection} (Cluster). The caller closes it.
	 */
	public <K, V, R> R connect(RedisCodec<K, V> codec, Function<StatefulRedisConnection<K, V>, R> standalone,
			Function<StatefulRedisClusterConnection<K, V>, R> cluster) {
		return client instanceof RedisClusterClient clusterClient ? cluster.apply(clusterClient.connect(codec))
				: standalone.apply(((RedisClient) client).connect(codec, setup.address()));
	}

	@Override
	public void destroy() {
		client.shutdown(0, setup.shutdownTimeout().toMillis(), TimeUnit.MILLISECONDS);
	}
}
