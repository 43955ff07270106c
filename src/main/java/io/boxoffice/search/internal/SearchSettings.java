package io.boxoffice.search.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param alias the alias every read and incremental write goes through; the concrete index is {@code alias-v{n}}
 * @param indexerEnabled whether this instance consumes the change stream into the index
 * @param debounce how long the indexer collects changes before indexing each changed event once
 * @param timeout the most a search waits for Elasticsearch before answering 503
 * @param cacheTtl how long an identical query is answered from Redis; {@code 0} turns the query cache off
 * @param breakerOpenFor how long the circuit breaker answers 503 without trying Elasticsearch
 */
@ConfigurationProperties("boxoffice.search")
record SearchSettings(@DefaultValue("events") String alias, @DefaultValue("true") boolean indexerEnabled,
		@DefaultValue("1s") Duration debounce, @DefaultValue("500") int indexerBatch,
		@DefaultValue("1s") Duration timeout, @DefaultValue("10s") Duration cacheTtl,
		@DefaultValue("20") int defaultSize, @DefaultValue("50") int maxSize,
		@DefaultValue("10s") Duration breakerOpenFor, @DefaultValue("1000") int reindexBatch,
		@DefaultValue("search.dead-letter") String deadLetterTopic) {
}
