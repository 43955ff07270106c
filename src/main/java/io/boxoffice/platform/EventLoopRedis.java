package io.boxoffice.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.DefaultEventPublisherOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.EventLoopGroupProvider;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.ExceptionTranslationStrategy;
import org.springframework.data.redis.FallbackExceptionTranslationStrategy;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.stereotype.Component;

/**
 * One Redis connection per event loop of the HTTP server, living on that loop: a request's command goes out on its
 * own loop's connection, so it is written at once, and its reply is read on the thread the request goes on with.
 *
 * <p>Why: Spring Data's one shared connection has an I/O thread of its own. Every command woke that thread to write
 * it, and every reply woke it to read it and then woke the request's loop to go on ({@link RequestEventLoop}). On
 * two cores those wake-ups were a measurable share of a seat hold. Lending the shared connection one of the server's
 * loops instead saved them but made that one loop carry every reply of the instance (BENCHMARKS.md, "What
 * we tried"); a connection per loop spreads the replies as the HTTP connections are spread.
 *
 * <p>The seat-state scripts and the hold record read use it (a hold's hot path); everything else stays on Spring
 * Data. Off a request (a sweeper, a job, a test without a server) a command goes out on a connection of its own on
 * Lettuce's I/O threads and answers on a {@code parallel} thread, as {@link RequestEventLoop#handOff} does. Connections open on first use,
 * so the service starts while Redis is down, a failed open is tried again by the next command, and Lettuce
 * reconnects an open connection as it does the shared one. Errors are Spring Data's exceptions, as from the shared
 * connection. The connections take the shared connection's settings (address, credentials, TLS, command timeout,
 * client options, client resources) through {@link RedisSetup}: a standalone Redis, a Sentinel-watched primary, or a
 * Cluster, where each loop's client keeps its connections to every master on that loop, and a key's command goes
 * to the master of its slot (docs/redis.md).
 */
@Component
public final class EventLoopRedis implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EventLoopRedis.class);
	private static final ExceptionTranslationStrategy ERRORS = new FallbackExceptionTranslationStrategy(new LettuceExceptionConverter());

	private final Map<EventLoop, Slot> onLoops = new IdentityHashMap<>();
	private final Slot offRequest;
	private final Duration shutdownTimeout;

	public EventLoopRedis(ReactorResourceFactory netty, LettuceConnectionFactory shared) {
		RedisSetup setup = new RedisSetup(shared);
		ClientResources resources = setup.sharedResources();
		this.shutdownTimeout = setup.shutdownTimeout();
		for (EventExecutor executor : netty.getLoopResources().onServer(true)) {
			EventLoop loop = (EventLoop) executor;
			ClientResources onLoop = onLoop(resources, loop);
			onLoops.put(loop, new Slot(setup, setup.newClient(onLoop), onLoop));
		}
		this.offRequest = new Slot(setup, setup.newClient(resources), null);
	}

	/**
	 * Runs the command on the connection of the request's event loop, with its answer on that loop; off a request,
	 * on the connection of its own, with its answer on a {@code parallel} thread.
	 */
	public <T> Mono<T> call(Function<RedisClusterAsyncCommands<String, String>, CompletionStage<T>> command) {
		return Mono.<T>deferContextual(context -> {
			EventLoop loop = RequestEventLoop.of(context).orElse(null);
			Slot onLoop = loop == null ? null : onLoops.get(loop);
			if (onLoop == null) {
				return offRequest.run(command).publishOn(Schedulers.parallel());
			}
			// Asked from another thread (after a Postgres query, say), the command is issued from the loop: Lettuce
			// would hop there to write it anyway, and an answer that came before the subscription would otherwise
			// go on on the asking thread.
			return loop.inEventLoop() ? onLoop.run(command) : onLoop.run(command).subscribeOn(Schedulers.fromExecutor(loop));
		}).onErrorMap(Exception.class, ERRORS::translate);
	}

	/**
	 * The answer of a client library's call on a {@link RedisConnections} connection, delivered as {@link #call}
	 * delivers its answers: on the request's event loop, or off a request on a {@code parallel} thread.
	 */
	public <T> Mono<T> answer(Supplier<? extends CompletionStage<T>> call) {
		return RequestEventLoop.handOff(Mono.fromCompletionStage(call));
	}

	/** How many connections are open now (at most one per event loop, and the one off requests). */
	public long openConnections() {
		return slots().filter(Slot::isOpen).count();
	}

	@Override
	public void destroy() {
		long timeout = shutdownTimeout.toMillis();
		List<CompletableFuture<Void>> closing = new ArrayList<>();
		slots().forEach(slot -> closing.add(slot.close(timeout)));
		try {
			CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(timeout + 1000, TimeUnit.MILLISECONDS);
		}
		catch (Exception e) {
			log.warn("Redis connections per event loop did not close in {} ms", timeout, e);
		}
	}

	private Stream<Slot> slots() {
		return Stream.concat(onLoops.values().stream(), Stream.of(offRequest));
	}

	/**
	 * The shared resources with the one loop for I/O. Each shared part is handed over explicitly, which marks it
	 * shared, so shutting these down leaves it running. ({@code mutate()} does not: shutting down a mutated copy
	 * shut down the original's executors.) The shared resources publish the command latencies already.
	 */
	private static ClientResources onLoop(ClientResources shared, EventLoop loop) {
		return DefaultClientResources.builder()
			.eventLoopGroupProvider(new OneLoop(loop))
			.eventExecutorGroup(shared.eventExecutorGroup())
			.timer(shared.timer())
			.eventBus(shared.eventBus())
			.commandLatencyRecorder(shared.commandLatencyRecorder())
			.commandLatencyPublisherOptions(DefaultEventPublisherOptions.disabled())
			.tracing(shared.tracing())
			.socketAddressResolver(shared.socketAddressResolver())
			.addressResolverGroup(shared.addressResolverGroup())
			.nettyCustomizer(shared.nettyCustomizer())
			.reconnectDelay(shared.reconnectDelay())
			.build();
	}

	/** One loop's connection, opened on first use and again after a failed open. */
	private static final class Slot {

		private final RedisSetup setup;
		private final AbstractRedisClient client;
		private final ClientResources ownResources;
		private final AtomicReference<CompletableFuture<StatefulConnection<String, String>>> opening = new AtomicReference<>();

		/** {@code ownResources}: resources made for this slot, shut down with it; null if shared. */
		Slot(RedisSetup setup, AbstractRedisClient client, ClientResources ownResources) {
			this.setup = setup;
			this.client = client;
			this.ownResources = ownResources;
		}

		<T> Mono<T> run(Function<RedisClusterAsyncCommands<String, String>, CompletionStage<T>> command) {
			return connection().flatMap(connection -> Mono.fromCompletionStage(command.apply(commands(connection))));
		}

		CompletableFuture<Void> close(long timeoutMillis) {
			CompletableFuture<Void> closed = client.shutdownAsync(0, timeoutMillis, TimeUnit.MILLISECONDS);
			return ownResources == null ? closed
					: closed.thenRun(() -> ownResources.shutdown(0, timeoutMillis, TimeUnit.MILLISECONDS));
		}

		boolean isOpen() {
			var current = opening.get();
			return current != null && current.isDone() && !current.isCompletedExceptionally() && current.join().isOpen();
		}

		private static RedisClusterAsyncCommands<String, String> commands(StatefulConnection<String, String> connection) {
			return connection instanceof StatefulRedisClusterConnection<String, String> cluster ? cluster.async()
					: ((StatefulRedisConnection<String, String>) connection).async();
		}

		private CompletableFuture<StatefulConnection<String, String>> open() {
			CompletableFuture<? extends StatefulConnection<String, String>> opened = client instanceof RedisClusterClient cluster
					? RedisSetup.topologyLoaded(cluster).thenCompose(loaded -> cluster.connectAsync(StringCodec.UTF8))
					: ((RedisClient) client).connectAsync(StringCodec.UTF8, setup.address()).toCompletableFuture();
			return opened.thenApply(connection -> (StatefulConnection<String, String>) connection);
		}

		/** The open connection; or the one being opened; or a new one, when none was opened yet or the last open failed. */
		private Mono<StatefulConnection<String, String>> connection() {
			CompletableFuture<StatefulConnection<String, String>> current = opening.get();
			if (current != null && current.isDone() && !current.isCompletedExceptionally()) {
				return Mono.just(current.join());
			}
			if (current == null || current.isCompletedExceptionally()) {
				var next = open();
				if (opening.compareAndSet(current, next)) {
					current = next;
				}
				else { // another thread opened it first
					next.thenAccept(StatefulConnection::closeAsync);
					current = opening.get();
				}
			}
			// Not cancelled with the request that happened to open it: the connection serves every request after it.
			return Mono.fromFuture(current, true);
		}
	}

	/** A single event loop, lent to Lettuce: it registers its channel there but neither owns nor shuts it down. */
	private record OneLoop(EventLoop loop) implements EventLoopGroupProvider {

		@Override
		@SuppressWarnings("unchecked")
		public <T extends EventLoopGroup> T allocate(Class<T> type) {
			return (T) loop;
		}

		@Override
		public int threadPoolSize() {
			return 1;
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
