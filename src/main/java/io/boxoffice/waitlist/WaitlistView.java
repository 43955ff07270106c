package io.boxoffice.waitlist;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The buyer's own entry. {@code position} is 1 for the next in line (absent once an offer is made); {@code offer}
 * is there while seats are held for them: book its {@code holdId} before {@code expiresAt}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WaitlistView(long entryId, long eventId, int seats, Long sectionId, String status, Long position, Offer offer) {

	record Offer(String holdId, List<Long> seatIds, Instant expiresAt) {
	}

	static WaitlistView of(WaitlistEntry entry, Long position) {
		Offer offer = entry.status() == WaitlistEntry.Status.OFFERED
				? new Offer(entry.holdId(), entry.offeredSeatIds(), entry.offerExpiresAt()) : null;
		return new WaitlistView(entry.id(), entry.eventId(), entry.seats(), entry.sectionId(), entry.status().name(),
				entry.status() == WaitlistEntry.Status.WAITING ? position : null, offer);
	}
}
