package io.boxoffice.holds;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
