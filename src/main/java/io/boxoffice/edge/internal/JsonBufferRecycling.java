package io.boxoffice.edge.internal;

import tools.jackson.core.util.JsonRecyclerPools;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Jackson writes each JSON body through two scratch buffers (about 16 KB together) that it means to reuse from a
 * recycler pool. Jackson 3's default pool gets a recycler back only when its user returns it, and Spring
 * Framework 7.0's JSON encoder never does (spring-framework#37058): every response allocated fresh buffers, about
 * a fifth of all the bytes a seat hold allocates (BENCHMARKS.md, "What we tried"). A per-thread pool, Jackson
 * 2's default, needs nothing returned; the threads that encode are Netty's few long-lived event loops.
 */
@Configuration(proxyBeanMethods = false)
class JsonBufferRecycling {

	@Bean
	JsonFactoryBuilderCustomizer perThreadJsonBuffers() {
		return factory -> factory.recyclerPool(JsonRecyclerPools.threadLocalPool());
	}
}
