package io.boxoffice.platform;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Runs Lua scripts: by SHA-1 ({@code EVALSHA}), and by source when the Redis that got the call does not know the
 * script ({@code NOSCRIPT}: a restarted or new server, a {@code SCRIPT FLUSH}, a Cluster master that never ran it),
 * which also loads it there for the next call. On a Cluster the call goes to the master of its keys' slot, so every
 * master loads a script the first time it is asked to run one; the keys of one call must share a hash tag
 * (docs/redis.md, "Keys and hash tags"). Calls go out through {@link EventLoopRedis}, so a request's script answers
 * on the request's event loop.
 */
@Component
public final class RedisScripts {

	private final EventLoopRedis redis;

	RedisScripts(EventLoopRedis redis) {
		this.redis = redis;
	}

	/** The script's answer, of the given type (a {@code List<Object>} for {@link ScriptOutputType#MULTI}). */
	public <T> Mono<T> run(RedisScript script, ScriptOutputType type, List<String> keys, List<String> args) {
		String[] keyArray = keys.toArray(String[]::new);
		String[] argArray = args.toArray(String[]::new);
		return redis.<T>call(commands -> commands.<T>evalsha(script.sha1(), type, keyArray, argArray)
			.exceptionallyCompose(error -> unknownScript(error)
					? commands.<T>eval(script.source(), type, keyArray, argArray)
					: CompletableFuture.failedStage(error)));
	}

	private static boolean unknownScript(Throwable error) {
		Throwable cause = error instanceof CompletionException ? error.getCause() : error;
		return cause instanceof RedisNoScriptException;
	}
}
