package io.boxoffice.holds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.SoldSeats;

/**
 * Keeps {@code sold:{evt}} in Redis loaded from the event's ticket rows in Postgres (catalog's
 * {@link SoldSeats}). Scripts that need the set refuse while it is not loaded; the caller loads it and
 * tries once more. Loads of one event are shared within this instance, so a flushed Redis under an on-sale
 * costs one query per event, not one per request.
 */
@Component
class SoldSets {

	private static final Logger log = LoggerFactory.getLogger(SoldSets.class);
	/** The member of a sold set that marks it loaded (lib.lua's LOADED). */
	private static final String LOADED = "loaded";
	private static final int SYNC_ROUNDS = 5;

	private final SoldSeats soldSeats;
	private final HoldScripts scripts;
	private final Map<Long, Mono<Void>> loading = new ConcurrentHashMap<>();

	SoldSets(SoldSeats soldSeats, HoldScripts scripts) {
		this.soldSeats = soldSeats;
		this.scripts = scripts;
	}

	/** Loads the set unless it is loaded (another instance may have just done it). */
	Mono<Void> loadIfMissing(long eventId) {
		return Mono.defer(() -> loading.computeIfAbsent(eventId, id -> load(id, false)
			.doFinally(signal -> loading.remove(id))
			.cache()));
	}

	/**
	 * Replaces the set with what Postgres says now. A sale whose sell script runs between the read and the
	 * replace is dropped from the set until the next load; Postgres still refuses to sell that seat twice.
	 */
	Mono<Void> reload(long eventId) {
		return load(eventId, true);
	}

	/** Runs a script that needs the set; if it answers "not loaded", loads the set and runs it once more. */
	Mono<HoldScripts.SoldSetChange> withSoldSet(long eventId, Supplier<Mono<HoldScripts.SoldSetChange>> script) {
		return script.get()
			.flatMap(first -> first.loaded() ? Mono.just(first) : loadIfMissing(eventId).then(Mono.defer(script)))
			.flatMap(change -> change.loaded() ? Mono.just(change)
					: Mono.error(new IllegalStateException("The sold seats of event " + eventId + " could not be loaded")));
	}

	/** See {@link SeatHolds#syncSold}. */
	Mono<Void> sync(long eventId, String holdId, List<Long> seatIds) {
		return sync(eventId, holdId, seatIds, 1);
	}

	private Mono<Void> sync(long eventId, String holdId, List<Long> seatIds, int round) {
		return soldNow(eventId, seatIds).flatMap(sold -> apply(eventId, holdId, seatIds, sold)
			.then(soldNow(eventId, seatIds))
			.flatMap(again -> {
				if (again.equals(sold)) {
					return Mono.<Void>empty();
				}
				if (round >= SYNC_ROUNDS) {
					return Mono.error(new IllegalStateException("The sales of seats " + seatIds + " of event " + eventId
							+ " changed during each of " + SYNC_ROUNDS + " syncs; the job tries again"));
				}
				return sync(eventId, holdId, seatIds, round + 1);
			}));
	}

	private Mono<Set<Long>> soldNow(long eventId, List<Long> seatIds) {
		return soldSeats.soldAmong(eventId, seatIds).collect(Collectors.toSet());
	}

	private Mono<Void> apply(long eventId, String holdId, List<Long> seatIds, Set<Long> sold) {
		List<Long> selling = seatIds.stream().filter(sold::contains).toList();
		List<Long> freeing = seatIds.stream().filter(seat -> !sold.contains(seat)).toList();
		Mono<?> sell = selling.isEmpty() && holdId == null ? Mono.empty()
				: withSoldSet(eventId, () -> scripts.sell(eventId, holdId, selling));
		Mono<?> unsell = freeing.isEmpty() ? Mono.empty() : withSoldSet(eventId, () -> scripts.unsell(eventId, freeing));
		return sell.then(unsell).then();
	}

	/**
	 * Compares a loaded sold set with the ticket rows and {@linkplain #sync syncs} the seats on which they differ
	 * (a lost job, a Redis restored from an old snapshot); emits how many seats differed. A set not loaded is left
	 * alone: it is loaded from Postgres when a script next needs it.
	 */
	Mono<Integer> reconcile(long eventId) {
		return scripts.soldMembers(eventId).filter(members -> members.contains(LOADED))
			.flatMap(members -> soldSeats.soldSeatIds(eventId).collect(Collectors.toSet()).flatMap(sold -> {
				Set<Long> inRedis = members.stream().filter(member -> !member.equals(LOADED)).map(Long::valueOf)
					.collect(Collectors.toSet());
				List<Long> differing = new ArrayList<>();
				sold.stream().filter(seat -> !inRedis.contains(seat)).forEach(differing::add);
				inRedis.stream().filter(seat -> !sold.contains(seat)).forEach(differing::add);
				if (differing.isEmpty()) {
					return Mono.just(0);
				}
				log.warn("The sold set of event {} differs from the ticket rows on seats {}; repairing", eventId, differing);
				return sync(eventId, null, differing).thenReturn(differing.size());
			}))
			.defaultIfEmpty(0);
	}

	private Mono<Void> load(long eventId, boolean replace) {
		return soldSeats.soldSeatIds(eventId).collectList()
			.flatMap(seats -> scripts.loadSold(eventId, seats, replace).doOnNext(loaded -> logLoad(eventId, seats, loaded)))
			.then();
	}

	private static void logLoad(long eventId, List<Long> seats, boolean loaded) {
		if (loaded) {
			log.info("Loaded the {} sold seats of event {} from Postgres into Redis", seats.size(), eventId);
		}
	}
}
