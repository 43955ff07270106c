package io.boxoffice.waitlist;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import io.boxoffice.holds.SeatHolds;
import io.boxoffice.mail.MailAddresses;
import io.micrometer.core.instrument.MeterRegistry;

/** Joining, reading and leaving a waitlist, for the signed-in buyer. */
@Service
@EnableConfigurationProperties(WaitlistSettings.class)
class Waitlists {

	private final WaitlistEntries entries;
	private final FreeSeats freeSeats;
	private final SeatHolds holds;
	private final MailAddresses addresses;
	private final WaitlistSettings settings;
	private final MeterRegistry meters;

	Waitlists(WaitlistEntries entries, FreeSeats freeSeats, SeatHolds holds, MailAddresses addresses, WaitlistSettings settings,
			MeterRegistry meters) {
		this.entries = entries;
		this.freeSeats = freeSeats;
		this.holds = holds;
		this.addresses = addresses;
		this.settings = settings;
		this.meters = meters;
	}

	/** Only while the event (or the section) has no free seat; one live entry per buyer and event. */
	Mono<WaitlistView> join(Principal buyer, long eventId, int seats, Long sectionId) {
		if (seats < 1 || seats > settings.maxSeats()) {
			return Mono.error(WaitlistProblems.tooManySeats(seats, settings.maxSeats()));
		}
		return freeSeats.of(eventId)
			.switchIfEmpty(Mono.error(() -> WaitlistProblems.eventNotFound(eventId)))
			.flatMap(free -> {
				if (sectionId != null && !free.containsKey(sectionId)) {
					return Mono.error(WaitlistProblems.unknownSection(eventId, sectionId));
				}
				int available = FreeSeats.count(free, sectionId);
				if (available > 0) {
					return Mono.error(WaitlistProblems.notSoldOut(eventId, available));
				}
				return entries.join(eventId, buyer.getName(), seats, sectionId)
					.onErrorMap(DataIntegrityViolationException.class, duplicate -> WaitlistProblems.alreadyOnWaitlist(eventId));
			})
			.flatMap(entry -> addresses.rememberFrom(buyer).then(entries.position(entry)).map(place -> WaitlistView.of(entry, place)))
			.doOnNext(joined -> meters.counter("boxoffice.waitlist.entries").increment());
	}

	Mono<WaitlistView> mine(String userId, long eventId) {
		return entries.liveOf(eventId, userId)
			.switchIfEmpty(Mono.error(() -> WaitlistProblems.notOnWaitlist(eventId)))
			.flatMap(entry -> entries.position(entry).map(place -> WaitlistView.of(entry, place)));
	}

	/** Leaves the line; an open offer's seats go back (to the next in line at the next check). */
	Mono<Void> leave(String userId, long eventId) {
		return entries.liveOf(eventId, userId)
			.switchIfEmpty(Mono.error(() -> WaitlistProblems.notOnWaitlist(eventId)))
			.flatMap(entry -> entries.end(entry.id(), WaitlistEntry.Status.LEFT)
				.then(entry.holdId() == null ? Mono.empty()
						: holds.release(userId, entry.holdId()).onErrorResume(goneOrBooked -> Mono.empty())));
	}
}
