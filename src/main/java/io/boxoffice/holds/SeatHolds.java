package io.boxoffice.holds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.holds.HoldIdempotency.Used;
import io.boxoffice.holds.HoldScripts.Extended;
import io.boxoffice.holds.HoldScripts.Lost;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Seat holds, for the HTTP API and for booking. Refusals are {@code ErrorResponseException}s carrying their
 * problem (see {@link HoldProblems} for the types); "no such hold" is an empty answer where the caller may
 * want to decide what that means.
 */
@Service
@EnableConfigurationProperties(HoldSettings.class)
public class SeatHolds {

	private final HoldTaking taking;
	private final HoldIdempotency idempotency;
	private final HoldScripts scripts;
	private final SoldSets soldSets;
	private final HoldSettings settings;
	private final Clock clock;
	private final MeterRegistry meters;
	private final UserHoldIndex userHolds;

	SeatHolds(HoldTaking taking, HoldIdempotency idempotency, HoldScripts scripts, SoldSets soldSets, HoldSettings settings,
			Clock clock, MeterRegistry meters, UserHoldIndex userHolds) {
		this.userHolds = userHolds;
		this.taking = taking;
		this.idempotency = idempotency;
		this.scripts = scripts;
		this.soldSets = soldSets;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Holds all the seats for the user, or none. Fails with a problem when the request is malformed (empty,
	 * duplicate or too many seats), the event is unknown or not on sale, a seat is not sold at this event,
	 * a seat is held or sold ({@code unavailableSeatIds}), or the user would pass their per-event cap. With an
	 * idempotency key, a retry of the same request answers the same hold.
	 */
	public Mono<Hold> hold(String userId, long eventId, List<Long> seatIds, Optional<String> idempotencyKey) {
		return request(userId, eventId, seatIds, idempotencyKey, null).map(Taken::hold);
	}

	/**
	 * A hold the server makes for a user (a waitlist offer) that lasts {@code ttl}, outside the waiting room; refused
	 * with the same problems as {@link #hold} (e.g. {@code unavailableSeatIds} when a seat was taken meanwhile).
	 */
	public Mono<Hold> holdFor(String userId, long eventId, List<Long> seatIds, Duration ttl) {
		return Mono.defer(() -> taking.takeFor(userId, eventId, validSeats(seatIds), clock.instant(), ttl))
			.doOnSuccess(hold -> count("granted"))
			.doOnError(this::countRefusal);
	}

	/** A granted hold; {@code replayed} when an idempotency key answered one granted before. */
	record Taken(Hold hold, boolean replayed) {
	}

	/** {@code admissionToken}: the waiting room's token (may be null), needed when the event is queued. */
	Mono<Taken> request(String userId, long eventId, List<Long> seatIds, Optional<String> idempotencyKey,
			String admissionToken) {
		return Mono.defer(() -> {
			List<Long> seats = validSeats(seatIds);
			Instant now = clock.instant();
			if (idempotencyKey.isEmpty()) {
				return taking.take(userId, eventId, seats, now, admissionToken).map(hold -> new Taken(hold, false));
			}
			String key = idempotencyKey.get();
			if (!HoldIdempotency.isValidKey(key)) {
				return Mono.error(HoldProblems.invalidIdempotencyKey());
			}
			String requestHash = HoldIdempotency.requestHash(eventId, seats);
			return HoldIdempotency.runToTheEnd(idempotency.claim(userId, key, requestHash, settings.ttl()).flatMap(claim -> {
				if (!(claim instanceof Used used)) {
					return taking.take(userId, eventId, seats, now, admissionToken)
						.flatMap(hold -> idempotency.complete(userId, key, requestHash, hold.id(), recordLifetime())
							.thenReturn(new Taken(hold, false)))
						.onErrorResume(refused -> idempotency.abandon(userId, key).then(Mono.error(refused)));
				}
				if (!used.requestHash().equals(requestHash)) {
					return Mono.error(HoldProblems.idempotencyKeyReused());
				}
				if (used.holdId() == null) {
					return Mono.error(HoldProblems.idempotencyKeyInFlight());
				}
				return findOwned(userId, used.holdId()).map(hold -> new Taken(hold, true))
					.switchIfEmpty(Mono.error(() -> HoldProblems.idempotentHoldEnded(used.holdId())));
			}));
		})
			.doOnSuccess(taken -> count(taken.replayed() ? "replayed" : "granted"))
			.doOnError(this::countRefusal);
	}

	/**
	 * The live hold with this id, whoever owns it; empty if there is none (never was, ended, or expired). Live by
	 * Redis's time, as the scripts judge it, so this instance's clock cannot make it disagree with a hold or release.
	 */
	public Mono<Hold> find(String holdId) {
		OptionalLong eventId = HoldIds.eventOf(holdId);
		if (eventId.isEmpty()) {
			return Mono.empty();
		}
		return scripts.liveRecord(eventId.getAsLong(), holdId)
			.filter(record -> record.containsKey("user"))
			.map(record -> toHold(holdId, eventId.getAsLong(), record));
	}

	/** The user's live hold with this id; empty if there is none or it is someone else's (do not tell them apart). */
	public Mono<Hold> findOwned(String userId, String holdId) {
		return find(holdId).filter(hold -> hold.userId().equals(userId));
	}

	/**
	 * The user's live holds, soonest expiry first (see {@link UserHoldIndex}). The index is pruned by this instance's
	 * clock: it is only an index, each hold it names is then checked by Redis's time ({@link #find}), so a skewed clock
	 * can at worst leave a hold off the list in its last moments (by the size of the skew).
	 */
	Flux<Hold> ofUser(String userId) {
		return Flux.defer(() -> userHolds.live(userId, clock.millis())).flatMapSequential(holdId -> findOwned(userId, holdId));
	}

	/**
	 * Gives the user's live hold back; fails with a 404 problem if they have no such hold, and with a 409
	 * problem if a booking is paying for it (the buyer cancels the booking instead, which ends the hold).
	 */
	public Mono<Void> release(String userId, String holdId) {
		return release(userId, holdId, false);
	}

	/**
	 * Ends the hold of a booking that will not be paid (expired, released, failed), including a hold the
	 * booking extended; fails with a 404 problem if the hold is already gone.
	 */
	public Mono<Void> releaseForBooking(String userId, String holdId) {
		return release(userId, holdId, true);
	}

	private Mono<Void> release(String userId, String holdId, boolean byBooking) {
		OptionalLong eventId = HoldIds.eventOf(holdId);
		if (eventId.isEmpty()) {
			return Mono.error(HoldProblems.holdNotFound(holdId));
		}
		return Mono.defer(() -> scripts.release(eventId.getAsLong(), holdId, userId, byBooking))
			.flatMap(released -> switch (released) {
				case RELEASED -> userHolds.remove(userId, holdId).onErrorResume(failure -> Mono.empty());
				case NOT_FOUND -> Mono.error(HoldProblems.holdNotFound(holdId));
				case IN_BOOKING -> Mono.error(HoldProblems.holdInBooking(holdId));
			});
	}

	/** {@link #extend(String, Duration)} by the configured payment window. */
	public Mono<Hold> extend(String holdId) {
		return extend(holdId, settings.paymentWindow());
	}

	/**
	 * Extends a live hold once, to now + {@code window} by Redis's time (never shortening it). Later calls change nothing and
	 * answer the hold as the first extension left it. Empty if the hold is gone; fails with the
	 * {@code seats-unavailable} problem if some of its seats are no longer its own.
	 */
	public Mono<Hold> extend(String holdId, Duration window) {
		OptionalLong eventId = HoldIds.eventOf(holdId);
		if (eventId.isEmpty()) {
			return Mono.empty();
		}
		return Mono.defer(() -> scripts.extend(eventId.getAsLong(), holdId, window)).flatMap(extension -> {
			if (extension instanceof Lost lost) {
				return Mono.error(HoldProblems.seatsUnavailable(eventId.getAsLong(), lost.seatIds()));
			}
			return extension instanceof Extended ? find(holdId) : Mono.empty();
		});
	}

	/**
	 * Undoes {@link #extend(String, Duration)} for a booking that could not be written: the owner may release the
	 * hold again, and it expires when it would have without the extension. True if there was an extension to undo.
	 */
	public Mono<Boolean> undoExtension(String holdId) {
		OptionalLong eventId = HoldIds.eventOf(holdId);
		return eventId.isEmpty() ? Mono.just(false) : Mono.defer(() -> scripts.unextend(eventId.getAsLong(), holdId));
	}

	/**
	 * Records in Redis a sale Postgres has committed: the seats join the sold set and leave hold state, and the
	 * hold they were sold from ({@code holdId}, may be null) ends, freeing any of its seats not sold.
	 * Idempotent, so a retried job may call it again.
	 */
	public Mono<Void> markSold(long eventId, String holdId, List<Long> seatIds) {
		if (holdId != null && HoldIds.eventOf(holdId).orElse(-1) != eventId) {
			return Mono.error(new IllegalArgumentException("Hold " + holdId + " is not a hold of event " + eventId));
		}
		return soldSets.withSoldSet(eventId, () -> scripts.sell(eventId, holdId, List.copyOf(seatIds))).then();
	}

	/** Records in Redis a cancelled or refunded sale Postgres has committed: the seats are free again. Idempotent. */
	public Mono<Void> unsell(long eventId, List<Long> seatIds) {
		return soldSets.withSoldSet(eventId, () -> scripts.unsell(eventId, List.copyOf(seatIds))).then();
	}

	/**
	 * Makes Redis say about these seats what the ticket rows in Postgres say now: sold seats join the sold set
	 * (and the hold they were sold from, {@code holdId}, may be null, ends), the others leave it. It applies the
	 * current truth rather than a recorded change, and reads the truth again afterwards until it holds still, so
	 * that syncs racing each other, in any order, leave Redis as Postgres is. Idempotent.
	 */
	public Mono<Void> syncSold(long eventId, String holdId, List<Long> seatIds) {
		if (holdId != null && HoldIds.eventOf(holdId).orElse(-1) != eventId) {
			return Mono.error(new IllegalArgumentException("Hold " + holdId + " is not a hold of event " + eventId));
		}
		return soldSets.sync(eventId, holdId, List.copyOf(seatIds));
	}

	/** Replaces the event's sold set in Redis with the ticket rows in Postgres (to repair drift). */
	public Mono<Void> rebuildSold(long eventId) {
		return soldSets.reload(eventId);
	}

	private List<Long> validSeats(List<Long> seatIds) {
		if (seatIds == null || seatIds.isEmpty()) {
			throw HoldProblems.invalid("seatIds", "must name at least one seat");
		}
		if (seatIds.stream().anyMatch(Objects::isNull)) {
			throw HoldProblems.invalid("seatIds", "must not contain null");
		}
		if (seatIds.size() > settings.maxSeatsPerHold()) {
			throw HoldProblems.invalid("seatIds", "may name at most " + settings.maxSeatsPerHold() + " seats");
		}
		if (new HashSet<>(seatIds).size() != seatIds.size()) {
			throw HoldProblems.invalid("seatIds", "must not name a seat twice");
		}
		return List.copyOf(seatIds);
	}

	private Duration recordLifetime() {
		return settings.ttl().plus(HoldScripts.RECORD_GRACE);
	}

	private void countRefusal(Throwable failure) {
		String type = failure instanceof ErrorResponseException problem && problem.getBody().getType() != null
				? problem.getBody().getType().toString() : "";
		if (type.equals(HoldProblems.SEATS_UNAVAILABLE.toString())) {
			count("conflict");
		}
		else if (type.equals(HoldProblems.HOLD_LIMIT_REACHED.toString())) {
			count("limit");
		}
		else if (failure instanceof ErrorResponseException problem && problem.getStatusCode().is4xxClientError()) {
			count("rejected");
		}
		else {
			count("error");
		}
	}

	private void count(String result) {
		meters.counter("boxoffice.holds", "result", result).increment();
	}

	private static Hold toHold(String holdId, long eventId, Map<String, String> record) {
		List<Long> seats = Arrays.stream(record.get("seats").split(",")).map(Long::valueOf).toList();
		return new Hold(holdId, eventId, record.get("user"), seats, Instant.ofEpochMilli(Long.parseLong(record.get("expiresAt"))),
				"1".equals(record.get("extended")));
	}
}
