package io.boxoffice.search.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.boxoffice.platform.EventLoopRedis;
import io.lettuce.core.SetArgs;

/**
 * Answers an identical query from Redis for {@code cache-ttl} (10 s): a popular search costs
 * Elasticsearch one request per instance-independent window. Best effort: a slow or failing Redis
 * is skipped, never an error.
 */
@Component
class QueryCache {

	private static final Duration REDIS_BUDGET = Duration.ofMillis(100);

	private final EventLoopRedis redis;
	private final JsonMapper json;
	private final SearchSettings settings;

	QueryCache(EventLoopRedis redis, JsonMapper json, SearchSettings settings) {
		this.redis = redis;
		this.json = json;
		this.settings = settings;
	}

	Mono<SearchResults> get(SearchQuery query, Mono<SearchResults> search) {
		if (settings.cacheTtl().isZero()) {
			return search; // cache-ttl: 0 turns the cache off (benchmarks measure the search, not the cache)
		}
		String key = key(query);
		// The platform's connection answers on the request's own event loop.
		Mono<SearchResults> cached = redis.call(commands -> commands.get(key))
			.map(value -> json.readValue(value, SearchResults.class))
			.timeout(REDIS_BUDGET)
			.onErrorResume(error -> Mono.empty());
		return cached.switchIfEmpty(search.flatMap(results -> redis.call(commands -> commands
			.set(key, json.writeValueAsString(results), SetArgs.Builder.px(settings.cacheTtl())))
			.timeout(REDIS_BUDGET)
			.onErrorResume(error -> Mono.empty())
			.thenReturn(results)));
	}

	private static String key(SearchQuery query) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.cacheKey().getBytes(StandardCharsets.UTF_8));
			return "search:q:" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException impossible) {
			throw new IllegalStateException(impossible);
		}
	}
}
