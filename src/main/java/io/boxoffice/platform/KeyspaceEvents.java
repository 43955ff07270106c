package io.boxoffice.platform;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Keyspace notifications ({@code __keyspace@*__:<key>}, the payload is the event: {@code xadd}, {@code expired}, …)
 * for the whole of Redis, tied to the application's lifecycle.
 *
 * <p>Standalone and Sentinel: one pub/sub connection per instance, Spring Data's listener container. It keeps the
 * connection it took when it was made, so a container made once would stay dead after the connection factory is
 * stopped and started again; this one is made anew on every start.
 *
 * <p>Cluster: a notification is published only on the node that holds the key, so a subscription on one node would
 * miss most of them. Here every pattern is subscribed on every master ({@link ClusterKeyspaceEvents}), and again on
 * each topology change (a failover makes a replica a master; a new master takes slots).
 *
 * <p>Subscribers ask at each (re)subscription, so their retry finds the current connection.
 */
@Component
public final class KeyspaceEvents implements SmartLifecycle {

	/** One notification: the key it is about and what happened to it. */
	public record Notification(String key, String event) {
	}

	private static final String PREFIX_END = "__:";

	private final ReactiveRedisConnectionFactory redis;
	private final RedisSetup setup;
	private ReactiveRedisMessageListenerContainer container;
	private ClusterKeyspaceEvents cluster;
	private boolean running;

	KeyspaceEvents(ReactiveRedisConnectionFactory redis, LettuceConnectionFactory shared) {
		this.redis = redis;
		this.setup = new RedisSetup(shared);
	}

	/**
	 * The notifications for the keys matching a glob (e.g. {@code changes:{42}}), once Redis confirmed the
	 * subscription (on a Cluster: every master confirmed it). Fails if the application is stopped.
	 */
	public Mono<Flux<Notification>> receiveLater(String keyGlob) {
		String pattern = "__keyspace@*__:" + keyGlob;
		return Mono.defer(() -> {
			Object current = current();
			if (current instanceof ClusterKeyspaceEvents clustered) {
				return clustered.receiveLater(pattern).map(messages -> messages.map(KeyspaceEvents::notification));
			}
			if (current instanceof ReactiveRedisMessageListenerContainer standalone) {
				return standalone.receiveLater(PatternTopic.of(pattern))
					.map(messages -> messages.map(message -> notification(message.getChannel(), message.getMessage())));
			}
			return Mono.error(new IllegalStateException("keyspace notifications are stopped"));
		});
	}

	private static Notification notification(ClusterKeyspaceEvents.Message message) {
		return notification(message.channel(), message.message());
	}

	private static Notification notification(Object channel, Object event) {
		String name = String.valueOf(channel);
		int keyStart = name.indexOf(PREFIX_END);
		return new Notification(keyStart < 0 ? name : name.substring(keyStart + PREFIX_END.length()), String.valueOf(event));
	}

	/** Made on first use after a start, when the connection factory is surely running again. */
	private synchronized Object current() {
		if (!running) {
			return null;
		}
		if (setup.isCluster()) {
			if (cluster == null) {
				AbstractRedisClient client = setup.newClient(setup.sharedResources());
				cluster = new ClusterKeyspaceEvents((RedisClusterClient) client, setup.shutdownTimeout());
			}
			return cluster;
		}
		if (container == null) {
			container = new ReactiveRedisMessageListenerContainer(redis);
		}
		return container;
	}

	@Override
	public synchronized void start() {
		running = true;
	}

	@Override
	public void stop() {
		ReactiveRedisMessageListenerContainer current;
		ClusterKeyspaceEvents currentCluster;
		synchronized (this) {
			running = false;
			current = container;
			currentCluster = cluster;
			container = null;
			cluster = null;
		}
		if (current != null) {
			current.destroyLater().subscribe(null, failure -> {
			});
		}
		if (currentCluster != null) {
			currentCluster.close();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return running;
	}
}
