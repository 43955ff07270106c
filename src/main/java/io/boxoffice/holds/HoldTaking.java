package io.boxoffice.holds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.holds.HoldScripts.Granted;
import io.boxoffice.holds.HoldScripts.HoldAttempt;
import io.boxoffice.holds.HoldScripts.LimitReached;
import io.boxoffice.holds.HoldScripts.NoAdmission;
import io.boxoffice.holds.HoldScripts.NotLoaded;
import io.boxoffice.holds.HoldScripts.Unavailable;
import io.boxoffice.queue.AdmissionGate;
import io.boxoffice.queue.AdmissionGate.Admission;

/**
 * The hot path of a hold: the catalog check (from memory), the waiting room's admission check (from memory and the
 * token's signature), then one hold script call, which also checks the admission is still live. Only when Redis has
 * lost the event's sold seats does it also load them from Postgres and call the script once more.
 */
@Component
class HoldTaking {

	private final SellableEvents events;
	private final HoldScripts scripts;
	private final SoldSets soldSets;
	private final ExpiryIndex expiries;
	private final HoldSettings settings;
	private final AdmissionGate admissions;
	private final UserHoldIndex userHolds;

	HoldTaking(SellableEvents events, HoldScripts scripts, SoldSets soldSets, ExpiryIndex expiries, HoldSettings settings,
			AdmissionGate admissions, UserHoldIndex userHolds) {
		this.userHolds = userHolds;
		this.admissions = admissions;
		this.events = events;
		this.scripts = scripts;
		this.soldSets = soldSets;
		this.expiries = expiries;
		this.settings = settings;
	}

	/**
	 * Seats must be distinct and within the per-hold limit (see {@link SeatHolds#hold}); {@code admissionToken} (may
	 * be null) is the waiting room's token, needed when the event is queued. {@code now} (this instance's clock) is
	 * for the catalog's sale window only: the hold's own time, and so its expiry, is Redis's (see {@link HoldScripts}).
	 */
	Mono<Hold> take(String userId, long eventId, List<Long> seatIds, Instant now, String admissionToken) {
		return take(userId, eventId, seatIds, now, settings.ttl(), Mono.defer(() -> admissions.check(eventId, userId, admissionToken)));
	}

	/** A hold the server makes for a user, for {@code ttl}, not through the waiting room (a waitlist offer is their turn). */
	Mono<Hold> takeFor(String userId, long eventId, List<Long> seatIds, Instant now, Duration ttl) {
		return take(userId, eventId, seatIds, now, ttl, Mono.fromSupplier(() -> AdmissionGate.notRequired(eventId)));
	}

	private Mono<Hold> take(String userId, long eventId, List<Long> seatIds, Instant now, Duration ttl, Mono<Admission> admissionCheck) {
		String holdId = HoldIds.next(eventId);
		return events.check(eventId, seatIds, now)
			.then(admissionCheck)
			.flatMap(admission -> attempt(userId, eventId, holdId, seatIds, ttl, admission)
				.flatMap(first -> first instanceof NotLoaded
						? soldSets.loadIfMissing(eventId).then(Mono.defer(() -> attempt(userId, eventId, holdId, seatIds, ttl, admission)))
						: Mono.just(first)))
			.flatMap(attempt -> outcome(userId, eventId, holdId, seatIds, attempt));
	}

	private Mono<HoldAttempt> attempt(String userId, long eventId, String holdId, List<Long> seatIds, Duration ttl,
			Admission admission) {
		return scripts.hold(eventId, holdId, userId, seatIds, ttl,
				settings.maxSeatsPerUserPerEvent(), admission);
	}

	private Mono<Hold> outcome(String userId, long eventId, String holdId, List<Long> seatIds, HoldAttempt attempt) {
		if (attempt instanceof Granted granted) {
			var hold = new Hold(holdId, eventId, userId, seatIds, Instant.ofEpochMilli(granted.expiresAtMillis()), false);
			// The hold is granted whatever happens here, so the answer does not wait for the index; the schedule
			// follows the script's reply (the order the index needs), shared with the other holds of the moment.
			expiries.scheduleSoon(eventId, granted.expiresAtMillis());
			// Awaited, so a GET /api/holds right after the 201 lists it; if the index write fails the hold stands
			// (GET /api/holds/{id} finds it), only the list misses it.
			return userHolds.add(userId, holdId, granted.expiresAtMillis(), settings.ttl().plus(HoldScripts.RECORD_GRACE))
				.onErrorResume(failure -> Mono.empty())
				.thenReturn(hold);
		}
		if (attempt instanceof Unavailable unavailable) {
			return Mono.error(HoldProblems.seatsUnavailable(eventId, unavailable.seatIds()));
		}
		if (attempt instanceof NoAdmission) {
			return Mono.error(AdmissionGate.admissionGone(eventId));
		}
		if (attempt instanceof LimitReached limit) {
			return Mono.error(HoldProblems.holdLimitReached(eventId, settings.maxSeatsPerUserPerEvent(), limit.seatsHeld(),
					seatIds.size()));
		}
		// Still not loaded after loading: Redis was flushed again in between. Let the client retry.
		return Mono.error(HoldProblems.holdsUnavailable(eventId));
	}
}
