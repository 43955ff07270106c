package io.boxoffice.holds;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.holds.HoldScripts.Granted;
import io.boxoffice.holds.HoldScripts.HoldAttempt;
import io.boxoffice.holds.HoldScripts.LimitReached;
import io.boxoffice.holds.HoldScripts.NotLoaded;
import io.boxoffice.holds.HoldScripts.Unavailable;

/**
 * The hot path of a hold: the catalog check (from memory), then one hold script call. Only when Redis has
 * lost the event's sold seats does it also load them from Postgres and call the script once more.
 */
@Component
class HoldTaking {

	private final SellableEvents events;
	private final HoldScripts scripts;
	private final SoldSets soldSets;
	private final ExpiryIndex expiries;
	private final HoldSettings settings;

	HoldTaking(SellableEvents events, HoldScripts scripts, SoldSets soldSets, ExpiryIndex expiries, HoldSettings settings) {
		this.events = events;
		this.scripts = scripts;
		this.soldSets = soldSets;
		this.expiries = expiries;
		this.settings = settings;
	}

	/** Seats must be distinct and within the per-hold limit (see {@link SeatHolds#hold}). */
	Mono<Hold> take(String userId, long eventId, List<Long> seatIds, Instant now) {
		String holdId = HoldIds.next(eventId);
		return events.check(eventId, seatIds, now)
			.then(attempt(userId, eventId, holdId, seatIds, now))
			.flatMap(first -> first instanceof NotLoaded
					? soldSets.loadIfMissing(eventId).then(Mono.defer(() -> attempt(userId, eventId, holdId, seatIds, now)))
					: Mono.just(first))
			.flatMap(attempt -> outcome(userId, eventId, holdId, seatIds, attempt));
	}

	private Mono<HoldAttempt> attempt(String userId, long eventId, String holdId, List<Long> seatIds, Instant now) {
		return scripts.hold(eventId, holdId, userId, seatIds, now.toEpochMilli(), settings.ttl(),
				settings.maxSeatsPerUserPerEvent());
	}

	private Mono<Hold> outcome(String userId, long eventId, String holdId, List<Long> seatIds, HoldAttempt attempt) {
		if (attempt instanceof Granted granted) {
			var hold = new Hold(holdId, eventId, userId, seatIds, Instant.ofEpochMilli(granted.expiresAtMillis()), false);
			// The hold is granted whatever happens here, so the answer does not wait for the index; the schedule
			// follows the script's reply (the order the index needs), shared with the other holds of the moment.
			expiries.scheduleSoon(eventId, granted.expiresAtMillis());
			return Mono.just(hold);
		}
		if (attempt instanceof Unavailable unavailable) {
			return Mono.error(HoldProblems.seatsUnavailable(eventId, unavailable.seatIds()));
		}
		if (attempt instanceof LimitReached limit) {
			return Mono.error(HoldProblems.holdLimitReached(eventId, settings.maxSeatsPerUserPerEvent(), limit.seatsHeld(),
					seatIds.size()));
		}
		// Still not loaded after loading: Redis was flushed again in between. Let the client retry.
		return Mono.error(HoldProblems.holdsUnavailable(eventId));
	}
}
