package io.boxoffice.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultPageSize events per page when the caller does not say
 * @param maxPageSize largest page a caller may ask for
 * @param viewCacheTimeout how long an event view waits for Redis before it reads Postgres instead (an outage
 *        must cost a request this much at most, not the client's 2 s command timeout)
 * @param viewCacheTtl how long a cached event view stays in Redis unless it is read again after a change
 */
@ConfigurationProperties("boxoffice.catalog")
record CatalogSettings(@DefaultValue("20") int defaultPageSize, @DefaultValue("100") int maxPageSize,
		@DefaultValue("200ms") Duration viewCacheTimeout, @DefaultValue("10m") Duration viewCacheTtl,
		@DefaultValue("1s") Duration viewLocalTtl) {
}
