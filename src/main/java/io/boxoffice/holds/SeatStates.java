package io.boxoffice.holds;

import java.time.Clock;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.HeldSeatCounts;

/**
 * Seat state for readers of the change stream (the live seat map): a snapshot consistent with the stream, the
 * key names a reader watches, and a prompt expiry path for a keyspace {@code expired} notification. Each stream
 * entry has the fields {@code v} (the version), {@code op}, then one field per changed seat (seat id) whose
 * value is {@code held}, {@code free} or {@code sold}. Also the catalog's count of held seats for the event view.
 */
@Component
public class SeatStates implements HeldSeatCounts {

	private final HoldScripts scripts;
	private final SoldSets soldSets;
	private final HoldSweeper sweeper;
	private final Clock clock;

	SeatStates(HoldScripts scripts, SoldSets soldSets, HoldSweeper sweeper, Clock clock) {
		this.scripts = scripts;
		this.soldSets = soldSets;
		this.sweeper = sweeper;
		this.clock = clock;
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

	/** Ends the event's holds that are due now (what the sweeper does every second); answers how many ended. */
	public Mono<Long> expireDue(long eventId) {
		return Mono.defer(() -> sweeper.sweep(eventId, clock.millis()));
	}

	/** The event's change stream. */
	public String changesKey(long eventId) {
		return HoldKeys.changes(eventId);
	}

	/** A glob matching the event's per-seat hold keys (their {@code expired} notifications mean a hold ran out). */
	public String holdKeyPattern(long eventId) {
		return "hold:{" + eventId + "}:*";
	}
}
