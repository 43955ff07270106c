package io.boxoffice.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.platform.RedisScript;
import io.boxoffice.platform.RedisScripts;
import io.lettuce.core.ScriptOutputType;

/**
 * The waiting room's Lua scripts ({@code src/main/resources/redis/queue}, each with its {@code lib.lua} in front),
 * their arguments and answers in Java terms. Times inside the scripts are Redis's own clock.
 */
@Component
class QueueScripts {

	private final RedisScripts runner;
	private final Map<String, RedisScript> scripts;
	private final QueueSettings settings;

	QueueScripts(RedisScripts runner, QueueSettings settings) {
		this.runner = runner;
		this.settings = settings;
		this.scripts = Stream.of("join", "tick", "draw", "status", "claim", "leave")
			.collect(Collectors.toUnmodifiableMap(Function.identity(), name -> RedisScript.of("queue/lib", "queue/" + name)));
	}

	/** The rate a bucket step uses: admissions per second (already scaled by checkout pressure), burst and cap. */
	record Pace(double admitsPerSecond, int burst, int maxActiveBuyers) {
	}

	/** {@code ticket} is null when the line is past opening but not drawn yet. */
	record Joined(String ticket, boolean existing) {
	}

	Mono<Joined> join(QueueKeys keys, String user, String newTicket, boolean preQueue, boolean admitNow, Pace pace) {
		List<String> args = List.of(user, newTicket, preQueue ? "pre" : "open", admitNow ? "1" : "0",
				Double.toString(pace.admitsPerSecond()), Integer.toString(pace.burst()), Integer.toString(pace.maxActiveBuyers()),
				millis(settings.claimWindow()), Integer.toString(settings.maxSkipsPerTick()), millis(settings.keyTtl()));
		return run("join", keys, List.of(keys.ticket(newTicket)), args).map(reply -> switch (text(reply, 0)) {
			case "existing" -> new Joined(text(reply, 1), true);
			case "joined" -> new Joined(text(reply, 1), false);
			case "not_open" -> new Joined(null, false);
			default -> throw unexpected("join", reply);
		});
	}

	/** {@code opened} false: the pre-queue is not drawn yet (nothing else is set). */
	record Tick(boolean opened, long preQueued, long admitted, long skipped, long served, long seq, long expiredUnclaimed,
			long activeBuyers) {

		long waiting() {
			return Math.max(0, seq - served);
		}
	}

	Mono<Tick> tick(QueueKeys keys, Pace pace) {
		List<String> args = List.of(Double.toString(pace.admitsPerSecond()), Integer.toString(capacity(pace)),
				Integer.toString(pace.maxActiveBuyers()), millis(settings.claimWindow()), Integer.toString(settings.maxSkipsPerTick()),
				millis(settings.keyTtl()));
		return run("tick", keys, List.of(), args).map(reply -> "not_open".equals(text(reply, 0))
				? new Tick(false, number(reply, 1), 0, 0, 0, 0, 0, 0)
				: new Tick(true, 0, number(reply, 1), number(reply, 2), number(reply, 3), number(reply, 4), number(reply, 5),
						number(reply, 6)));
	}

	/**
	 * The bucket holds at least two ticks' worth of admissions: capped at a burst smaller than what accrues between
	 * two ticks, a tick would throw tokens away and the pace would fall to burst per tick (5 per 200 ms held a
	 * 30/s event at 25/s), whichever instance ticked.
	 */
	int capacity(Pace pace) {
		double perTwoTicks = pace.admitsPerSecond() * 2 * settings.tickInterval().toNanos() / 1e9;
		return Math.max(pace.burst(), (int) Math.ceil(perTwoTicks));
	}

	/** Places drawn, or -1 if the line was open already. */
	Mono<Long> draw(QueueKeys keys, List<String> drawnOrder) {
		var args = new ArrayList<String>(drawnOrder.size() + 1);
		args.add(millis(settings.keyTtl()));
		args.addAll(drawnOrder);
		return run("draw", keys, List.of(), args).map(reply -> number(reply, 0));
	}

	/** {@code user} empty: no such ticket. Numbers absent are -1; times are Redis's milliseconds. */
	record Status(String user, long number, boolean left, long served, long seq, long preQueued, String token,
			String tokenExpiresAt, long untilMillis, long admittedAtMillis, long nowMillis, boolean opened) {
	}

	Mono<Status> status(QueueKeys keys, String ticket) {
		return run("status", keys, List.of(keys.ticket(ticket)), List.of())
			.map(reply -> new Status(text(reply, 0), optionalNumber(reply, 1), "1".equals(text(reply, 2)), number(reply, 3),
					number(reply, 4), number(reply, 5), text(reply, 6), text(reply, 7), optionalNumber(reply, 8),
					optionalNumber(reply, 9), number(reply, 10), "1".equals(text(reply, 11))));
	}

	sealed interface Claim {
	}

	record Claimed(String token, String expiresAt, boolean issued, long waitedMillis) implements Claim {
	}

	enum Refusal implements Claim {
		NOT_FOUND, NOT_ADMITTED, EXPIRED
	}

	Mono<Claim> claim(QueueKeys keys, String ticket, String user, String jti, String token, String expiresAt) {
		return run("claim", keys, List.of(keys.ticket(ticket), keys.admission(jti)),
				List.of(user, jti, token, expiresAt, millis(settings.tokenTtl())))
			.map(reply -> switch (text(reply, 0)) {
				case "ok" -> new Claimed(text(reply, 1), text(reply, 2), number(reply, 3) == 1, number(reply, 4));
				case "not_found" -> Refusal.NOT_FOUND;
				case "not_admitted" -> Refusal.NOT_ADMITTED;
				case "expired" -> Refusal.EXPIRED;
				default -> throw unexpected("claim", reply);
			});
	}

	/** True if the place is (now) given up; false if the user has no such place. */
	Mono<Boolean> leave(QueueKeys keys, String ticket, String user) {
		return eval("leave", ScriptOutputType.INTEGER, keys, List.of(keys.ticket(ticket)), List.of(user, ticket))
			.map(left -> ((Long) left) == 1L);
	}

	private Mono<List<Object>> run(String name, QueueKeys keys, List<String> extraKeys, List<String> args) {
		return eval(name, ScriptOutputType.MULTI, keys, extraKeys, args);
	}

	/** Through the platform's runner (EVALSHA, NOSCRIPT fallback); every key carries the event's hash tag. */
	private <T> Mono<T> eval(String name, ScriptOutputType type, QueueKeys keys, List<String> extraKeys, List<String> args) {
		return runner.run(scripts.get(name), type, Stream.concat(keys.line().stream(), extraKeys.stream()).toList(), args);
	}

	private static String millis(Duration duration) {
		return Long.toString(duration.toMillis());
	}

	private static String text(List<Object> reply, int index) {
		Object value = reply.get(index);
		return value == null ? "" : String.valueOf(value);
	}

	private static long number(List<Object> reply, int index) {
		Object value = reply.get(index);
		return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
	}

	private static long optionalNumber(List<Object> reply, int index) {
		String value = text(reply, index);
		return value.isEmpty() ? -1 : (long) Double.parseDouble(value);
	}

	private static IllegalStateException unexpected(String script, List<Object> reply) {
		return new IllegalStateException("Unexpected answer from queue/" + script + ".lua: " + reply);
	}
}
