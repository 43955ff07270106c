package io.boxoffice.platform;

import java.util.Optional;

import io.netty.channel.EventLoop;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;

/**
 * Hands a backend's answer to the Netty event loop that serves the request, instead of to a pool thread.
 *
 * <p>A client library that answers on its own I/O thread (Lettuce: one per connection) must not run the rest of
 * the request there, or every other reply on that connection waits behind it. Handing the answer to a
 * {@code parallel} thread fixes that but costs two thread wake-ups per request: the pool thread, and then the
 * event loop, which has to write the response the pool thread produced. Handing it straight to the request's own
 * event loop costs one, and the response is written where it is produced. (On 2 cores that saving was below the
 * start-to-start spread of the hold benchmark; what it fixed for certain is the rate-limit check, which had no
 * hand-off at all: BENCHMARKS.md, "What we tried".)
 *
 * <p>The edge's first filter ({@code CorrelationIds}) {@linkplain #mark marks} every request's Reactor context with
 * its event loop; a backend call wraps its answer in {@link #handOff(Mono)}. Without the mark (a scheduled job, a
 * test without a server) the answer goes to {@code parallel}.
 */
public final class RequestEventLoop {

	private static final Class<EventLoop> KEY = EventLoop.class;

	private RequestEventLoop() {
	}

	/** The context with the event loop of the request's connection in it; as it was off Reactor Netty. */
	public static Context mark(Context context, ServerHttpRequest request) {
		Object nativeRequest;
		try {
			nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
		}
		catch (IllegalStateException mock) { // a mock request (a test bound to the app without a server) has none
			return context;
		}
		return nativeRequest instanceof Connection connection ? mark(context, connection.channel().eventLoop()) : context;
	}

	static Context mark(Context context, EventLoop loop) {
		return context.put(KEY, loop);
	}

	/** The event loop of the request whose context this is; empty off a request (a scheduled job, a test). */
	public static Optional<EventLoop> of(ContextView context) {
		return context.getOrEmpty(KEY);
	}

	/** The call, with its answer (value, completion or error) delivered on the request's event loop. */
	public static <T> Mono<T> handOff(Mono<T> call) {
		return Mono.deferContextual(context -> call.publishOn(of(context)
			.map(RequestEventLoop::scheduler)
			.orElseGet(Schedulers::parallel)));
	}

	/** Not cached: it is two small objects, and a cache would outlive the server's loops in a test JVM. */
	private static Scheduler scheduler(EventLoop loop) {
		return Schedulers.fromExecutor(loop);
	}
}
