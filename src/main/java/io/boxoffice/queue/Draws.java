package io.boxoffice.queue;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.platform.EventLoopRedis;
import io.lettuce.core.SetArgs;

/**
 * Opens an event's line at on-sale time: one instance (the holder of a short {@code SET NX} lock) reads the
 * pre-queue, shuffles it with a {@code SecureRandom} and hands the order to {@code draw.lua}, which numbers the places
 * 1..n. Join order before opening therefore says nothing about the place. Others find the line open, or the lock
 * held, and try again on their next tick or join.
 */
@Component
class Draws {

	private static final Logger log = LoggerFactory.getLogger(Draws.class);
	private static final long LOCK_MILLIS = 30_000;

	private final EventLoopRedis redis;
	private final QueueScripts scripts;

	Draws(EventLoopRedis redis, QueueScripts scripts) {
		this.redis = redis;
		this.scripts = scripts;
	}

	/** Completes when this instance drew the line, found it open, or found another instance drawing it. */
	Mono<Void> draw(long eventId) {
		QueueKeys keys = new QueueKeys(eventId);
		String owner = Tickets.random();
		return redis.<String>call(commands -> commands.set(keys.drawing(), owner, SetArgs.Builder.nx().px(LOCK_MILLIS)))
			.filter("OK"::equals)
			.flatMap(locked -> redis.<java.util.Set<String>>call(commands -> commands.smembers(keys.preQueue()))
				.flatMap(preQueue -> {
					List<String> order = new ArrayList<>(preQueue);
					Tickets.shuffle(order);
					return scripts.draw(keys, order);
				})
				.doOnNext(drawn -> {
					if (drawn >= 0) {
						log.info("Event {}: waiting room open, {} pre-queued places drawn", eventId, drawn);
					}
				})
				.then(redis.<Long>call(commands -> commands.del(keys.drawing()))))
			.then();
	}
}
