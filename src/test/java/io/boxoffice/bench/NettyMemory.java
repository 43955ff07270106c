package io.boxoffice.bench;

import java.util.Map;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * BENCHMARK ONLY (profile {@code bench}, test classpath): Netty's own memory, which heap figures miss: what its
 * default (pooled) allocator holds in direct and heap arenas, and the direct memory Netty allocated outside the
 * JDK's accounting. {@code loadtest/server-memory.sh} reads it for the live seat map's memory per connection.
 */
@RestController
@Profile("bench")
class NettyMemory {

	@GetMapping("/bench/netty-memory")
	Map<String, Long> memory() {
		var metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
		return Map.of("pooledDirectBytes", metric.usedDirectMemory(), "pooledHeapBytes", metric.usedHeapMemory(),
				"nettyDirectBytes", PlatformDependent.usedDirectMemory());
	}
}
