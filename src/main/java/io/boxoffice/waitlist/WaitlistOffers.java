package io.boxoffice.waitlist;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.catalog.SoldSeats;
import io.boxoffice.holds.Hold;
import io.boxoffice.holds.SeatHolds;
import io.boxoffice.mail.OfferMails;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One check of one event's waitlist, in one transaction under the event's advisory lock: first the offers out
 * (booked: converted; lapsed or given back: expired, passing the turn on), then new offers to the waiting entries
 * in line order while the freed seats last. No overtaking: an entry that cannot be served yet (too few seats in
 * its section) blocks the entries behind it that would draw on the same seats, so a small request never jumps a
 * larger one that came first.
 */
@Component
class WaitlistOffers {

	private static final Logger log = LoggerFactory.getLogger(WaitlistOffers.class);

	private final WaitlistEntries entries;
	private final FreeSeats freeSeats;
	private final SeatHolds holds;
	private final SoldSeats sold;
	private final OfferMails mails;
	private final TransactionalOperator transaction;
	private final WaitlistSettings settings;
	private final Clock clock;
	private final MeterRegistry meters;

	WaitlistOffers(WaitlistEntries entries, FreeSeats freeSeats, SeatHolds holds, SoldSeats sold, OfferMails mails,
			TransactionalOperator transaction, WaitlistSettings settings, Clock clock, MeterRegistry meters) {
		this.entries = entries;
		this.freeSeats = freeSeats;
		this.holds = holds;
		this.sold = sold;
		this.mails = mails;
		this.transaction = transaction;
		this.settings = settings;
		this.clock = clock;
		this.meters = meters;
	}

	/** Checks the event now; emits how many offers were made (0 when another checker has the event). */
	Mono<Integer> check(long eventId) {
		return transaction.transactional(entries.tryLockEvent(eventId)
			.flatMap(locked -> locked ? entries.live(eventId).collectList().flatMap(live -> settle(live).then(offer(eventId)))
					: Mono.just(0)));
	}

	private Mono<Void> settle(List<WaitlistEntry> live) {
		return Flux.fromIterable(live)
			.filter(entry -> entry.status() == WaitlistEntry.Status.OFFERED)
			.concatMap(this::settle)
			.then();
	}

	private Mono<Void> settle(WaitlistEntry offer) {
		return holds.find(offer.holdId())
			.map(hold -> stillOpen(offer, hold) ? Mono.<Void>empty() : lapse(offer, true))
			.switchIfEmpty(Mono.defer(() -> sold.soldAmong(offer.eventId(), offer.offeredSeatIds()).hasElements()
					.flatMap(bought -> bought ? end(offer, WaitlistEntry.Status.CONVERTED) : lapse(offer, false))
					.thenReturn(Mono.<Void>empty())))
			.flatMap(done -> done);
	}

	/** A hold a booking extended is being paid for: the offer waits for the payment's outcome. */
	private boolean stillOpen(WaitlistEntry offer, Hold hold) {
		return hold.extended() || clock.instant().isBefore(offer.offerExpiresAt());
	}

	private Mono<Void> lapse(WaitlistEntry offer, boolean releaseHold) {
		Mono<Void> release = releaseHold ? holds.release(offer.userId(), offer.holdId()).onErrorResume(gone -> Mono.empty())
				: Mono.empty();
		return release.then(end(offer, WaitlistEntry.Status.EXPIRED));
	}

	private Mono<Void> end(WaitlistEntry offer, WaitlistEntry.Status status) {
		return entries.end(offer.id(), status).doOnNext(ended -> {
			if (ended) {
				meters.counter("boxoffice.waitlist.offers.ended", "outcome", status == WaitlistEntry.Status.CONVERTED ? "converted" : "expired")
					.increment();
				log.info("Waitlist offer {} for event {}: {}", offer.holdId(), offer.eventId(), status);
			}
		}).then();
	}

	private Mono<Integer> offer(long eventId) {
		return entries.live(eventId)
			.filter(entry -> entry.status() == WaitlistEntry.Status.WAITING)
			.collectList()
			.flatMap(waiting -> waiting.isEmpty() ? Mono.just(0) : freeSeats.of(eventId).flatMap(free -> offer(waiting, free)));
	}

	private Mono<Integer> offer(List<WaitlistEntry> waiting, Map<Long, List<Long>> free) {
		Set<Long> blockedSections = new HashSet<>();
		boolean[] blockedAll = { false };
		int[] made = { 0 };
		return Flux.fromIterable(waiting).concatMap(entry -> {
			boolean blocked = blockedAll[0] || (entry.sectionId() == null ? !blockedSections.isEmpty() : blockedSections.contains(entry.sectionId()));
			List<Long> seats = blocked ? List.of() : FreeSeats.take(free, entry.sectionId(), entry.seats());
			if (seats.isEmpty()) {
				if (entry.sectionId() == null) {
					blockedAll[0] = true;
				}
				else {
					blockedSections.add(entry.sectionId());
				}
				return Mono.empty();
			}
			return makeOffer(entry, seats).doOnNext(offered -> made[0]++);
		}).then(Mono.fromSupplier(() -> made[0]));
	}

	/** The Redis hold is what reserves the seats; a refusal (taken meanwhile, or the buyer's own cap) skips the entry this round. */
	private Mono<Hold> makeOffer(WaitlistEntry entry, List<Long> seats) {
		return holds.holdFor(entry.userId(), entry.eventId(), seats, settings.offerTtl())
			.flatMap(hold -> {
				// The offer's deadline is the waitlist's own, on this service's clock like every check of it (stillOpen);
				// the hold's expiry is Redis's and ends the same moment give or take the clocks' skew (whichever comes
				// first ends the offer: a lapsed hold is seen by settle as gone).
				Instant expires = clock.instant().plus(settings.offerTtl());
				return entries.offered(entry.id(), hold.id(), seats, expires)
					.then(mails.announce(new OfferMails.Offer(entry.userId(), entry.eventId(), hold.id(), seats, expires)))
					.then(Mono.fromRunnable(() -> {
						meters.counter("boxoffice.waitlist.offers").increment();
						log.info("Waitlist entry {} of event {} offered {} seats until {} (hold {})", entry.id(), entry.eventId(),
								seats.size(), expires, hold.id());
					}))
					.thenReturn(hold)
					// The offer did not get written: give the seats back rather than leave them held for nobody.
					.onErrorResume(failed -> holds.release(entry.userId(), hold.id()).onErrorResume(e -> Mono.empty())
						.then(Mono.error(failed)));
			})
			.onErrorResume(ErrorResponseException.class, refused -> {
				log.info("Waitlist entry {} of event {} could not be offered seats {} this round: {}", entry.id(), entry.eventId(),
						seats, refused.getBody().getDetail());
				return Mono.empty();
			});
	}
}
