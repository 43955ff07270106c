package io.boxoffice.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The blocking calls we accept on event loops, each with its reason; everything else fails the test that
 * made it. Some are short in-memory locks that BlockHound reports when two threads meet on them, which only
 * concurrent tests (the hold race) make happen; none waits for I/O. They must be allowed rather than reported:
 * BlockHound throws from inside the lock's {@code acquire}, which leaves the lock's wait queue broken, so
 * Lettuce's shared connection then hangs every later command of the whole test JVM instead of failing one test.
 * Registered in {@code META-INF/services/reactor.blockhound.integration.BlockHoundIntegration}.
 */
public class BlockHoundAllowances implements BlockHoundIntegration {

	@Override
	public void applyTo(BlockHound.Builder builder) {
		// Static pages and the Swagger UI webjar are read from jars on the classpath: a read of an
		// already page-cached file, which is how Spring serves classpath resources everywhere.
		builder.allowBlockingCallsInside("java.util.zip.ZipFile$Source", "readFullyAt");
		builder.allowBlockingCallsInside("java.util.zip.ZipFile$Source", "readAt");
		// Lettuce counts the threads writing to a connection under a lock held for a few instructions.
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "incrementWriters");
		builder.allowBlockingCallsInside("io.lettuce.core.protocol.SharedLock", "lockWritersExclusive");
		// Spring Data Redis hands out its shared Lettuce connection under a lock, on every command. Opening that
		// connection does block, so it stays reported (the application opens it at startup).
		String factory = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";
		builder.allowBlockingCallsInside(factory, "getOrCreateSharedReactiveConnection");
		builder.allowBlockingCallsInside(factory + "$SharedConnection", "getConnection");
		builder.disallowBlockingCallsInside(factory + "$SharedConnection", "getNativeConnection");
		builder.disallowBlockingCallsInside(factory + "$SharedConnection", "validateConnection");
		// springdoc builds the OpenAPI document once under a lock (pre-loaded at start); a /v3/api-docs request that
		// arrives while it is being built waits for it. Only the API document's route, and only at start.
		builder.allowBlockingCallsInside("org.springdoc.api.AbstractOpenApiResource", "getOpenApi");
		// Netty's buffer pool retires a magazine under its lock when it grows under concurrent allocation.
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
		builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "free");
		// Reactor's parallel and timer workers keep their delayed tasks in a ScheduledThreadPoolExecutor, whose queue
		// is guarded by a lock held for a few instructions. Scheduling or cancelling a delayed task from an event loop
		// (a timeout, Flux.interval, disposing a heartbeat when a WebSocket closes) meets the worker on that lock now
		// and then. Reported, the throw from inside the lock's acquire broke the worker's queue: that parallel thread
		// never ran a task again, and every later request of the test JVM that continued on it hung (seen as
		// LiveSeatMapIT and HoldRaceIT/HoldsApiIT timeouts).
		String delayedWorkQueue = "java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue";
		for (String method : new String[] { "offer", "add", "put", "remove", "poll", "take", "peek", "size", "clear",
				"drainTo", "toArray", "contains" }) {
			builder.allowBlockingCallsInside(delayedWorkQueue, method);
		}
		// Elasticsearch's REST client leases a connection from Apache's async pool under the pool's lock, held for a few
		// instructions (a lease never waits for a connection; it queues and completes a future). An indexing write
		// started on an R2DBC thread met the reindexer's bulk writes on it once (in ReindexDuringChangesIT:
		// "Blocking call! jdk.internal.misc.Unsafe#park" on reactor-tcp-epoll; the log kept no stack, so the frame is
		// inferred: the pool's lock is the only lock on that path).
		builder.allowBlockingCallsInside("org.apache.http.nio.pool.AbstractNIOConnPool", "lease");
		builder.allowBlockingCallsInside("org.apache.http.nio.pool.AbstractNIOConnPool", "release");
		// Cancelling an Elasticsearch request (a search whose client went away or timed out) aborts its Apache
		// connection, and closing a non-blocking socket channel takes the channel's state lock for a few instructions.
		// It met the client's I/O reactor on that lock once (in a fresh-clone BrowserIT run: "Blocking call!
		// jdk.internal.misc.Unsafe#park" under IOSessionImpl.close, on reactor-http-epoll).
		builder.allowBlockingCallsInside("org.apache.http.impl.nio.reactor.IOSessionImpl", "close");
		// Jackson builds each type's deserializer once, under a lock, the first time the type is read.
		builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache", "_createAndCacheValueDeserializer");
	}
}
