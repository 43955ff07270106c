package io.boxoffice.catalog.admin;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Creates and updates venues. Each write is one transaction; an update also refreshes the copies of city and
 * position on the venue's events, bumps their versions, writes their outbox rows, and after the commit
 * invalidates their cached views (the view shows the venue).
 *
 * <p>A layout may be replaced only while no event at the venue has a booking: sold tickets and bookings in
 * progress reference seat ids, and renumbering seats under a buyer is never right. Such a venue can still change
 * its name and address (leave {@code sections} out); a different layout needs a new venue.
 */
@Service
class VenueManagement {

	private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final Venues venues;
	private final EventChanges changes;
	private final TransactionalOperator transactions;

	VenueManagement(Venues venues, EventChanges changes, TransactionalOperator transactions) {
		this.venues = venues;
		this.changes = changes;
		this.transactions = transactions;
	}

	Mono<VenueResource> create(VenueRequest request) {
		return Mono.defer(() -> {
			checkAttributes(request);
			Layout layout = Layout.of(request.sections());
			return transactions.transactional(venues.insert(request).flatMap(id -> venues.insertLayout(id, layout).thenReturn(id)))
				.flatMap(id -> venues.find(id, false));
		});
	}

	Mono<VenueResource> update(long venueId, VenueRequest request) {
		return Mono.defer(() -> {
			checkAttributes(request);
			Layout layout = request.sections() == null ? null : Layout.of(request.sections());
			Mono<List<EventChanges.Changed>> write = venues.lock(venueId)
				.switchIfEmpty(Mono.error(() -> AdminProblems.notFound(AdminProblems.VENUE_NOT_FOUND, "Venue", venueId)))
				.then(venues.update(venueId, request))
				.then(layout == null ? Mono.empty() : replaceLayout(venueId, layout))
				.then(venues.touchEvents(venueId))
				.flatMap(changed -> changes.record(EventChanges.UPDATED, changed).thenReturn(changed));
			return transactions.transactional(write)
				.flatMap(changes::committed)
				.then(venues.find(venueId, false));
		});
	}

	Mono<VenueResource> find(long venueId) {
		return venues.find(venueId, true)
			.switchIfEmpty(Mono.error(() -> AdminProblems.notFound(AdminProblems.VENUE_NOT_FOUND, "Venue", venueId)));
	}

	private Mono<Void> replaceLayout(long venueId, Layout layout) {
		return venues.hasBookings(venueId)
			.flatMap(booked -> booked ? Mono.error(layoutLocked(venueId)) : venues.replaceLayout(venueId, layout))
			// a booking that arrived since the check still holds its seats by foreign key
			.onErrorMap(DataIntegrityViolationException.class, conflict -> layoutLocked(venueId));
	}

	private static RuntimeException layoutLocked(long venueId) {
		return AdminProblems.conflict(AdminProblems.LAYOUT_LOCKED, "Layout locked", "Venue " + venueId
				+ " has events with bookings, which hold its seats; its layout cannot change. Leave 'sections' out to "
				+ "change only its details, or create a new venue for the new layout.");
	}

	private static void checkAttributes(VenueRequest request) {
		var errors = new ArrayList<AdminProblems.FieldError>();
		if (!ZONES.contains(request.timezone())) {
			errors.add(new AdminProblems.FieldError("timezone", "must be an IANA time zone such as Europe/London"));
		}
		if (!COUNTRIES.contains(request.country())) {
			errors.add(new AdminProblems.FieldError("country", "is not an ISO 3166 country code"));
		}
		AdminProblems.throwIfAny(errors, AdminProblems.VALIDATION_FAILED, "Validation failed");
	}
}
