package io.boxoffice.platform;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Where Redis is and how to speak to it, worked out once from the connection factory Spring Boot builds from
 * {@code spring.data.redis.*}: a standalone server, a Sentinel-watched primary, or a Cluster. Every client the
 * platform makes (per event loop, off requests, pub/sub, rate limits) is made here, so address, TLS, credentials,
 * timeouts and client options cannot drift apart.
 */
final class RedisSetup {

	/**
	 * How often a Cluster client re-reads the topology even when nothing hinted at a change; adaptive triggers
	 * (MOVED, ASK, reconnects) refresh it sooner. Used when the configured client options set no refresh.
	 */
	static final Duration TOPOLOGY_REFRESH = Duration.ofSeconds(30);

	enum Mode {
		STANDALONE, SENTINEL, CLUSTER
	}

	private final Mode mode;
	private final List<RedisURI> addresses;
	private final LettuceClientConfiguration settings;

	RedisSetup(LettuceConnectionFactory shared) {
		this.settings = shared.getClientConfiguration();
		if (shared.isClusterAware()) {
			this.mode = Mode.CLUSTER;
			RedisClusterConfiguration cluster = shared.getClusterConfiguration();
			this.addresses = cluster.getClusterNodes().stream()
				.map(node -> secured(RedisURI.builder().withHost(node.getHost()).withPort(node.getPort()), cluster.getUsername(),
						cluster.getPassword()))
				.toList();
		}
		else if (shared.isRedisSentinelAware()) {
			this.mode = Mode.SENTINEL;
			RedisSentinelConfiguration sentinel = shared.getSentinelConfiguration();
			if (sentinel.getSentinels().isEmpty()) {
				throw new IllegalStateException("spring.data.redis.sentinel.nodes names no sentinel");
			}
			RedisURI.Builder address = RedisURI.builder().withSentinelMasterId(sentinel.getMaster().getName());
			String sentinelPassword = sentinel.getSentinelPassword().toOptional().map(String::new).orElse(null);
			for (RedisNode node : sentinel.getSentinels()) {
				if (sentinelPassword != null) {
					address.withSentinel(node.getHost(), node.getPort(), sentinelPassword);
				}
				else {
					address.withSentinel(node.getHost(), node.getPort());
				}
			}
			this.addresses = List.of(secured(address.withDatabase(sentinel.getDatabase()), sentinel.getUsername(),
					sentinel.getPassword()));
		}
		else {
			this.mode = Mode.STANDALONE;
			RedisStandaloneConfiguration standalone = shared.getStandaloneConfiguration();
			this.addresses = List.of(secured(RedisURI.builder().withHost(standalone.getHostName()).withPort(standalone.getPort())
				.withDatabase(standalone.getDatabase()), standalone.getUsername(), standalone.getPassword()));
		}
	}

	Mode mode() {
		return mode;
	}

	boolean isCluster() {
		return mode == Mode.CLUSTER;
	}

	/** The address of a standalone or Sentinel set-up (for a Cluster: the first seed node). */
	RedisURI address() {
		return addresses.get(0);
	}

	List<RedisURI> addresses() {
		return addresses;
	}

	Duration shutdownTimeout() {
		return settings.getShutdownTimeout();
	}

	/** The resources Spring Data's client runs on: its I/O threads, timer, metrics and event bus. */
	ClientResources sharedResources() {
		return settings.getClientResources().orElseThrow(
				() -> new IllegalStateException("The Redis connection factory has no client resources to share"));
	}

	/** A {@link RedisClient} or, for a Cluster, a {@link RedisClusterClient}, on the given resources. */
	AbstractRedisClient newClient(ClientResources resources) {
		if (isCluster()) {
			RedisClusterClient client = RedisClusterClient.create(resources, addresses);
			client.setOptions(clusterOptions());
			return client;
		}
		RedisClient client = RedisClient.create(resources);
		settings.getClientOptions().ifPresent(client::setOptions);
		return client;
	}

	/**
	 * The configured options if they are a Cluster's; else the configured ones with a topology refresh, without
	 * which a client would keep sending to a master that failed over (and pub/sub would miss a new master).
	 */
	private ClusterClientOptions clusterOptions() {
		ClientOptions configured = settings.getClientOptions().orElse(null);
		if (configured instanceof ClusterClientOptions cluster && cluster.getTopologyRefreshOptions().isPeriodicRefreshEnabled()) {
			return cluster;
		}
		ClusterClientOptions.Builder options = configured instanceof ClusterClientOptions cluster ? cluster.mutate()
				: configured != null ? ClusterClientOptions.builder(configured) : ClusterClientOptions.builder();
		return options.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
			.enablePeriodicRefresh(TOPOLOGY_REFRESH)
			.enableAllAdaptiveRefreshTriggers()
			.build()).build();
	}

	/**
	 * The Cluster's topology read (CLUSTER NODES) without blocking: a Cluster client's asynchronous connect
	 * refuses to start before it, where the blocking one reads it on the calling thread.
	 */
	static CompletableFuture<Void> topologyLoaded(RedisClusterClient client) {
		return client.refreshPartitionsAsync().toCompletableFuture();
	}

	private RedisURI secured(RedisURI.Builder address, String username, RedisPassword password) {
		address.withSsl(settings.isUseSsl())
			.withVerifyPeer(settings.getVerifyMode())
			.withStartTls(settings.isStartTls())
			.withTimeout(settings.getCommandTimeout());
		password.toOptional().ifPresent(secret -> {
			if (username != null) {
				address.withAuthentication(username, secret);
			}
			else {
				address.withPassword(secret);
			}
		});
		settings.getClientName().ifPresent(address::withClientName);
		return address.build();
	}
}
