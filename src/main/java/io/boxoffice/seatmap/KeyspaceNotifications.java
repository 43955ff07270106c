package io.boxoffice.seatmap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.connection.ReactiveSubscription;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.ReactiveRedisMessageListenerContainer;

/**
 * The instance's pub/sub connection for keyspace notifications, tied to the application's lifecycle. Spring Data's
 * listener container keeps the connection it took when it was made, so a container made once would stay dead
 * after the connection factory is stopped and started again; this one is made anew on every start. Subscribers
 * ask for it at each (re)subscription, so their retry finds the new one.
 */
class KeyspaceNotifications implements SmartLifecycle {

	private final ReactiveRedisConnectionFactory redis;
	private ReactiveRedisMessageListenerContainer container;
	private boolean running;

	KeyspaceNotifications(ReactiveRedisConnectionFactory redis) {
		this.redis = redis;
	}

	Mono<Flux<ReactiveSubscription.Message<String, String>>> receiveLater(PatternTopic topic) {
		return Mono.defer(() -> {
			ReactiveRedisMessageListenerContainer current = current();
			return current == null ? Mono.error(new IllegalStateException("keyspace notifications are stopped"))
					: current.receiveLater(topic).map(messages -> messages.map(message -> (ReactiveSubscription.Message<String, String>) message));
		});
	}

	/** Made on first use after a start, when the connection factory is surely running again. */
	private synchronized ReactiveRedisMessageListenerContainer current() {
		if (running && container == null) {
			container = new ReactiveRedisMessageListenerContainer(redis);
		}
		return running ? container : null;
	}

	@Override
	public synchronized void start() {
		running = true;
	}

	@Override
	public void stop() {
		ReactiveRedisMessageListenerContainer current;
		synchronized (this) {
			running = false;
			current = container;
			container = null;
		}
		if (current != null) {
			current.destroyLater().subscribe(null, failure -> {
			});
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return running;
	}
}
