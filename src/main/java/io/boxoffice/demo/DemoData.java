package io.boxoffice.demo;

import java.time.Instant;
import java.util.List;

import io.boxoffice.catalog.Category;

/** The generated dataset, with the ids it will have in the database (assigned in order from 1). */
record DemoData(List<Venue> venues, List<DemoPerformers.Performer> performers, List<Event> events) {

	enum VenueKind {
		ARENA, THEATRE, CLUB
	}

	record Venue(long id, String name, VenueKind kind, DemoCities.City city, VenueLayout layout) {
	}

	/** {@code sectionPrices[i]} is the price of the venue layout's i-th section, in minor units. */
	record Event(long id, Venue venue, String name, String description, Category category, Instant startsAt,
			Instant onSaleAt, List<Long> performerIds, int[] sectionPrices) {
	}
}
