package io.boxoffice.holds;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.platform.EventLoopRedis;
import io.boxoffice.platform.RedisScript;
import io.boxoffice.platform.RedisScripts;
import io.boxoffice.queue.AdmissionGate.Admission;
import io.lettuce.core.ScriptOutputType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The Lua scripts in {@code src/main/resources/redis}, each with {@code lib.lua} in front, and their
 * arguments and answers in Java terms. The scripts take the time from Redis ({@code TIME}, see {@code lib.lua}),
 * never from the caller: times they answer (a hold's expiry) are milliseconds of Redis's clock.
 */
@Component
class HoldScripts {

	/**
	 * How long a hold record outlives its hold. The expire script needs the record to free the seats and
	 * tell the stream; past this, a record nobody swept (every instance down) simply disappears.
	 */
	static final Duration RECORD_GRACE = Duration.ofHours(1);

	private final Map<String, RedisScript> scripts;
	private final EventLoopRedis redis;
	private final RedisScripts runner;
	private final String streamMaxLength;
	private final MeterRegistry meters;
	private final Map<String, Timer> timers;

	HoldScripts(EventLoopRedis redis, RedisScripts runner, HoldSettings settings, MeterRegistry meters) {
		this.redis = redis;
		this.runner = runner;
		this.meters = meters;
		this.streamMaxLength = Integer.toString(settings.changesStreamMaxLength());
		var all = new HashMap<String, RedisScript>();
		Stream.of("hold", "release", "expire", "extend", "unextend", "find", "sell", "unsell", "snapshot", "load_sold")
			.forEach(name -> all.put(name, RedisScript.of("lib", name)));
		Stream.of("held_count").forEach(name -> all.put(name, RedisScript.of(name))); // no library calls
		this.scripts = Map.copyOf(all);
		this.timers = scripts.keySet().stream().collect(Collectors.toUnmodifiableMap(name -> name,
				name -> Timer.builder("boxoffice.holds.script").description("Time of one seat-state Lua script call")
					.tag("script", name).register(meters)));
	}

	sealed interface HoldAttempt {
	}

	record Granted(long version, long expiresAtMillis) implements HoldAttempt {
	}

	record NotLoaded() implements HoldAttempt {
	}

	record Unavailable(List<Long> seatIds) implements HoldAttempt {
	}

	record LimitReached(long seatsHeld) implements HoldAttempt {
	}

	/** The event is queued and the caller's admission is gone (revoked, expired, or Redis lost it). */
	record NoAdmission() implements HoldAttempt {
	}

	/** {@link Granted#expiresAtMillis()}: Redis's time when the script ran, plus {@code ttl}. */
	Mono<HoldAttempt> hold(long eventId, String holdId, String userId, List<Long> seatIds, Duration ttl,
			int maxSeatsPerUser, Admission admission) {
		var keys = new ArrayList<>(List.of(HoldKeys.sold(eventId), HoldKeys.version(eventId), HoldKeys.changes(eventId),
				HoldKeys.expiries(eventId), HoldKeys.record(eventId, holdId), HoldKeys.userHolds(eventId, userId),
				admission.key()));
		seatIds.forEach(seat -> keys.add(HoldKeys.hold(eventId, seat)));
		var args = new ArrayList<>(List.of(Long.toString(eventId), holdId, userId, Long.toString(ttl.toMillis()), Long.toString(RECORD_GRACE.toMillis()), Integer.toString(maxSeatsPerUser),
				streamMaxLength, admission.required() ? "1" : "0"));
		seatIds.forEach(seat -> args.add(seat.toString()));
		return run("hold", keys, args).map(reply -> switch (text(reply, 0)) {
			case "ok" -> new Granted(number(reply, 1), number(reply, 2));
			case "no_admission" -> new NoAdmission();
			case "not_loaded" -> new NotLoaded();
			case "unavailable" -> new Unavailable(reply.subList(1, reply.size()).stream().map(HoldScripts::toLong).toList());
			case "limit" -> new LimitReached(number(reply, 1));
			default -> throw unexpected("hold", reply);
		});
	}

	/**
	 * The fields of a live hold's record (user, seats, count, expiresAt, createdAt, extended); empty if there is none
	 * or the hold has expired by Redis's time.
	 */
	Mono<Map<String, String>> liveRecord(long eventId, String holdId) {
		return run("find", List.of(HoldKeys.record(eventId, holdId)), List.of()).map(HoldScripts::fields);
	}

	/** The members of the event's sold set, the {@code loaded} marker included; empty if there is none. */
	Mono<java.util.Set<String>> soldMembers(long eventId) {
		return redis.call(commands -> commands.smembers(HoldKeys.sold(eventId)));
	}

	enum Release {
		RELEASED, NOT_FOUND, IN_BOOKING
	}

	/**
	 * Releases the user's live hold. A hold a booking has extended is the booking's to end: only
	 * {@code byBooking} releases it; the owner alone gets {@link Release#IN_BOOKING}.
	 */
	Mono<Release> release(long eventId, String holdId, String userId, boolean byBooking) {
		return run("release", List.of(HoldKeys.sold(eventId), HoldKeys.version(eventId), HoldKeys.changes(eventId),
				HoldKeys.expiries(eventId), HoldKeys.record(eventId, holdId)),
				List.of(Long.toString(eventId), holdId, userId, streamMaxLength, byBooking ? "1" : "0"))
			.map(reply -> switch (text(reply, 0)) {
				case "ok" -> Release.RELEASED;
				case "not_found" -> Release.NOT_FOUND;
				case "in_booking" -> Release.IN_BOOKING;
				default -> throw unexpected("release", reply);
			});
	}

	/** {@code nextExpiry} is -1 when the event has no hold left. */
	record Expired(long holds, long nextExpiry, long version) {
	}

	/** Ends the event's holds that have expired by Redis's time, at most {@code batchSize} of them. */
	Mono<Expired> expireDue(long eventId, int batchSize) {
		return run("expire", List.of(HoldKeys.sold(eventId), HoldKeys.version(eventId), HoldKeys.changes(eventId),
				HoldKeys.expiries(eventId)),
				List.of(Long.toString(eventId), Integer.toString(batchSize), streamMaxLength))
			.map(reply -> new Expired(number(reply, 0), number(reply, 1), number(reply, 2)));
	}

	sealed interface Extension {
	}

	record Extended(long expiresAtMillis) implements Extension {
	}

	record Gone() implements Extension {
	}

	record Lost(List<Long> seatIds) implements Extension {
	}

	/** Extends the hold to Redis's time plus {@code window}, never shortening it; once per hold. */
	Mono<Extension> extend(long eventId, String holdId, Duration window) {
		return run("extend", List.of(HoldKeys.expiries(eventId), HoldKeys.record(eventId, holdId)),
				List.of(Long.toString(eventId), holdId, Long.toString(window.toMillis()), Long.toString(RECORD_GRACE.toMillis())))
			.map(reply -> switch (text(reply, 0)) {
				case "ok" -> new Extended(number(reply, 1));
				case "not_found" -> new Gone();
				case "lost" -> new Lost(reply.subList(1, reply.size()).stream().map(HoldScripts::toLong).toList());
				default -> throw unexpected("extend", reply);
			});
	}

	/** Undoes the hold's extension, flag and expiry, so its owner may release it again; true if it had one. */
	Mono<Boolean> unextend(long eventId, String holdId) {
		return number("unextend", List.of(HoldKeys.expiries(eventId), HoldKeys.record(eventId, holdId)),
				List.of(Long.toString(eventId), holdId, Long.toString(RECORD_GRACE.toMillis())))
			.map(undone -> undone == 1L);
	}

	/** The answer of a script that needs the sold set: not loaded, or done (version 0 if nothing changed). */
	record SoldSetChange(boolean loaded, long version) {
	}

	Mono<SoldSetChange> sell(long eventId, String holdId, List<Long> seatIds) {
		var args = new ArrayList<>(List.of(Long.toString(eventId), holdId == null ? "" : holdId, streamMaxLength));
		seatIds.forEach(seat -> args.add(seat.toString()));
		return run("sell", List.of(HoldKeys.sold(eventId), HoldKeys.version(eventId), HoldKeys.changes(eventId),
				HoldKeys.expiries(eventId)), args)
			.map(HoldScripts::soldSetChange);
	}

	Mono<SoldSetChange> unsell(long eventId, List<Long> seatIds) {
		var args = new ArrayList<>(List.of(Long.toString(eventId), streamMaxLength));
		seatIds.forEach(seat -> args.add(seat.toString()));
		return run("unsell", List.of(HoldKeys.sold(eventId), HoldKeys.version(eventId), HoldKeys.changes(eventId)), args)
			.map(HoldScripts::soldSetChange);
	}

	/** The seat state at one version, with the id of the stream entry of that version; null held/sold when not loaded. */
	record Snapshot(boolean loaded, long version, String lastChangeId, List<Long> held, List<Long> sold) {
	}

	Mono<Snapshot> snapshot(long eventId) {
		return run("snapshot", List.of(HoldKeys.sold(eventId), HoldKeys.version(eventId), HoldKeys.changes(eventId),
				HoldKeys.expiries(eventId)), List.of(Long.toString(eventId)))
			.map(reply -> !"ok".equals(text(reply, 0)) ? new Snapshot(false, 0, "0-0", List.of(), List.of())
					: new Snapshot(true, number(reply, 1), text(reply, 2), seats(reply.get(3)), seats(reply.get(4))));
	}

	private static List<Long> seats(Object reply) {
		return reply instanceof List<?> list ? list.stream().map(HoldScripts::toLong).distinct().sorted().toList() : List.of();
	}

	/** The number of distinct held seats, counted as {@link #snapshot(long)} lists them. */
	Mono<Long> heldCount(long eventId) {
		return number("held_count", List.of(HoldKeys.sold(eventId), HoldKeys.expiries(eventId)), List.of(Long.toString(eventId)));
	}

	/** Loads the sold set; with {@code replace} false only if it is not loaded yet. True if this call loaded it. */
	Mono<Boolean> loadSold(long eventId, List<Long> soldSeatIds, boolean replace) {
		var args = Stream.concat(Stream.of(replace ? "replace" : "missing"), soldSeatIds.stream().map(String::valueOf)).toList();
		return number("load_sold", List.of(HoldKeys.sold(eventId)), args).map(loaded -> loaded == 1L);
	}

	/** Runs a script that answers with an array. */
	private Mono<List<Object>> run(String name, List<String> keys, List<String> args) {
		return eval(name, ScriptOutputType.MULTI, keys, args);
	}

	/** Runs a script that answers with an integer. */
	private Mono<Long> number(String name, List<String> keys, List<String> args) {
		return eval(name, ScriptOutputType.INTEGER, keys, args);
	}

	/** Runs the script through the platform's runner (EVALSHA, NOSCRIPT fallback), timed per script. */
	private <T> Mono<T> eval(String name, ScriptOutputType type, List<String> keys, List<String> args) {
		RedisScript script = scripts.get(name);
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(meters);
			return runner.<T>run(script, type, keys, args).doFinally(signal -> sample.stop(timers.get(name)));
		});
	}

	private static SoldSetChange soldSetChange(List<Object> reply) {
		return "not_loaded".equals(text(reply, 0)) ? new SoldSetChange(false, 0) : new SoldSetChange(true, number(reply, 1));
	}

	private static Map<String, String> fields(List<Object> reply) {
		var fields = new HashMap<String, String>();
		for (int i = 0; i + 1 < reply.size(); i += 2) {
			fields.put(String.valueOf(reply.get(i)), String.valueOf(reply.get(i + 1)));
		}
		return fields;
	}

	private static String text(List<Object> reply, int index) {
		return String.valueOf(reply.get(index));
	}

	private static long number(List<Object> reply, int index) {
		return toLong(reply.get(index));
	}

	private static long toLong(Object value) {
		return value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
	}

	private static IllegalStateException unexpected(String script, List<Object> reply) {
		return new IllegalStateException("Unexpected answer from " + script + ".lua: " + reply);
	}
}
