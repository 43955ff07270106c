package io.boxoffice.holds;

import java.util.List;

/** What a follower of an event's seats receives from {@link SeatChangeFeed#follow}. */
public sealed interface SeatUpdate {

	/** The changes one read found, in version order, each one version above the one before (and the last one seen). */
	record Changed(List<SeatChange> changes) implements SeatUpdate {

		public Changed {
			changes = List.copyOf(changes);
		}
	}

	/**
	 * The versions jumped (the stream was trimmed past the follower, or Redis lost it): here is the current state to
	 * start again from; the changes that follow continue from it.
	 */
	record Resynced(SeatSnapshot snapshot) implements SeatUpdate {
	}
}
