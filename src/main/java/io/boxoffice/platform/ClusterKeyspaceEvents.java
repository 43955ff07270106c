package io.boxoffice.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Keyspace notifications from every master of a Redis Cluster. Redis publishes a keyspace notification only on the
 * node that holds the key, so each pattern is subscribed on all masters ({@code PSUBSCRIBE} through the masters'
 * node selection) and the node connections' messages are propagated to one listener. On a topology change (a
 * failover, slots moved to a new master) every pattern in use is subscribed again on the masters of the new
 * topology; subscribing to a pattern a node has already is a no-op there. A node connection that reconnects
 * subscribes again by itself (Lettuce).
 */
final class ClusterKeyspaceEvents {

	private static final Logger log = LoggerFactory.getLogger(ClusterKeyspaceEvents.class);

	record Message(String pattern, String channel, String message) {
	}

	private final RedisClusterClient client;
	private final Duration shutdownTimeout;
	private final Sinks.Many<Message> messages = Sinks.many().multicast().directBestEffort();
	/** Pattern → how many subscribers use it. */
	private final Map<String, Integer> patterns = new ConcurrentHashMap<>();
	private final AtomicReference<CompletableFuture<StatefulRedisClusterPubSubConnection<String, String>>> opening = new AtomicReference<>();
	private final Disposable topologyChanges;

	ClusterKeyspaceEvents(RedisClusterClient client, Duration shutdownTimeout) {
		this.client = client;
		this.shutdownTimeout = shutdownTimeout;
		this.topologyChanges = client.getResources().eventBus().get()
			.filter(ClusterTopologyChangedEvent.class::isInstance)
			.concatMap(change -> resubscribe().onErrorResume(failure -> {
				log.warn("Could not subscribe the keyspace notifications on the new masters: {}", failure.toString());
				return Mono.empty();
			}))
			.subscribe();
	}

	/** The messages of the pattern, once every master confirmed the subscription. */
	Mono<Flux<Message>> receiveLater(String pattern) {
		return connection().flatMap(connection -> {
			patterns.merge(pattern, 1, Integer::sum);
			Flux<Message> matching = messages.asFlux().filter(message -> pattern.equals(message.pattern()))
				.doFinally(signal -> release(pattern));
			return Mono.fromCompletionStage(connection.async().upstream().commands().psubscribe(pattern))
				.thenReturn(matching)
				.doOnError(failure -> release(pattern));
		});
	}

	/** Every pattern in use, subscribed on the current masters. */
	Mono<Void> resubscribe() {
		String[] current = patterns.keySet().toArray(String[]::new);
		CompletableFuture<StatefulRedisClusterPubSubConnection<String, String>> open = opening.get();
		if (current.length == 0 || open == null || !open.isDone() || open.isCompletedExceptionally()) {
			return Mono.empty();
		}
		return Mono.fromCompletionStage(open.join().async().upstream().commands().psubscribe(current)).then();
	}

	void close() {
		topologyChanges.dispose();
		messages.tryEmitComplete();
		client.shutdownAsync(0, shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void release(String pattern) {
		Integer left = patterns.computeIfPresent(pattern, (key, count) -> count > 1 ? count - 1 : null);
		CompletableFuture<StatefulRedisClusterPubSubConnection<String, String>> open = opening.get();
		if (left == null && open != null && open.isDone() && !open.isCompletedExceptionally()) {
			open.join().async().upstream().commands().punsubscribe(pattern);
		}
	}

	private Mono<StatefulRedisClusterPubSubConnection<String, String>> connection() {
		CompletableFuture<StatefulRedisClusterPubSubConnection<String, String>> current = opening.get();
		if (current == null || current.isCompletedExceptionally()) {
			var next = RedisSetup.topologyLoaded(client)
				.thenCompose(loaded -> client.connectPubSubAsync(StringCodec.UTF8))
				.thenApply(this::listenTo);
			if (opening.compareAndSet(current, next)) {
				current = next;
			}
			else {
				next.thenAccept(StatefulRedisClusterPubSubConnection::closeAsync);
				current = opening.get();
			}
		}
		return Mono.fromFuture(current, true);
	}

	private StatefulRedisClusterPubSubConnection<String, String> listenTo(
			StatefulRedisClusterPubSubConnection<String, String> connection) {
		connection.setNodeMessagePropagation(true);
		connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String pattern, String channel, String message) {
				// Node connections deliver on their own I/O threads; a sink takes one emission at a time.
				synchronized (messages) {
					messages.tryEmitNext(new Message(pattern, channel, message));
				}
			}
		});
		return connection;
	}
}
