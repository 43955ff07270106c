package io.boxoffice.holds;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.HeldSeatCounts;

/**
 * An event's seat state now: a snapshot of its held and sold seats at one version (consistent with its change
 * stream, see {@link SeatChangeFeed}), and the catalog's count of held seats for the event view.
 */
@Component
public class SeatStates implements HeldSeatCounts {

	private final HoldScripts scripts;
	private final SoldSets soldSets;

	SeatStates(HoldScripts scripts, SoldSets soldSets) {
		this.scripts = scripts;
		this.soldSets = soldSets;
	}

	/** Held and sold seats at one version, loading the sold set from Postgres first if Redis lost it. */
	public Mono<SeatSnapshot> snapshot(long eventId) {
		return scripts.snapshot(eventId)
			.flatMap(first -> first.loaded() ? Mono.just(first) : soldSets.loadIfMissing(eventId).then(scripts.snapshot(eventId)))
			.flatMap(snapshot -> snapshot.loaded()
					? Mono.just(new SeatSnapshot(eventId, snapshot.version(), snapshot.lastChangeId(), snapshot.held(), snapshot.sold()))
					: Mono.error(new IllegalStateException("The sold seats of event " + eventId + " could not be loaded")));
	}

	/** Held seats right now, counted as {@link #snapshot(long)} would list them (without sending the lists). */
	@Override
	public Mono<Long> heldSeats(long eventId) {
		return scripts.heldCount(eventId);
	}
}
