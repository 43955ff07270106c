package io.boxoffice.catalog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;

import io.boxoffice.catalog.internal.EventViewCache;
import io.boxoffice.catalog.internal.RecentRenders;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogSettings.class)
class CatalogConfiguration {

	private static final Logger log = LoggerFactory.getLogger(CatalogConfiguration.class);

	@Bean
	EventViewCache eventViewCache(ReactiveRedisConnectionFactory redis, CatalogSettings settings) {
		return new EventViewCache(redis, settings.viewCacheTtl());
	}

	@Bean
	RecentRenders recentEventRenders(CatalogSettings settings) {
		return new RecentRenders(settings.viewLocalTtl(), 10_000);
	}

	/**
	 * Lettuce opens the shared reactive connection on first use, with a blocking connect: on an event loop that
	 * stalls every request on it (and BlockHound fails the call). Opening it here, on the main thread, keeps that
	 * off the request path. Should Redis be down now, the first request connects later (and the view falls back).
	 */
	@Bean
	SmartInitializingSingleton openReactiveRedisConnection(ReactiveRedisConnectionFactory redis) {
		return () -> {
			try {
				redis.getReactiveConnection().close();
			}
			catch (RuntimeException unavailable) {
				log.warn("Redis is not reachable at startup; the first request that needs it will connect: {}", unavailable.toString());
			}
		};
	}
}
