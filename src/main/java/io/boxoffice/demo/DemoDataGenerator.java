package io.boxoffice.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.boxoffice.catalog.Category;
import io.boxoffice.demo.DemoData.VenueKind;

/**
 * Generates the demo dataset from a seed: the same seed and start day always give the same data.
 * Events spread over the 12 months after the start day, in the evening local time.
 */
final class DemoDataGenerator {

	static final int EVENT_COUNT = 10_000;

	private static final Map<Category, List<VenueKind>> VENUES_FOR = Map.of(
			Category.CONCERT, List.of(VenueKind.ARENA, VenueKind.THEATRE, VenueKind.CLUB, VenueKind.CLUB),
			Category.SPORTS, List.of(VenueKind.ARENA),
			Category.THEATRE, List.of(VenueKind.THEATRE),
			Category.COMEDY, List.of(VenueKind.CLUB, VenueKind.THEATRE),
			Category.FAMILY, List.of(VenueKind.THEATRE, VenueKind.ARENA));
	private static final Map<Category, Integer> BASE_PRICE = Map.of(
			Category.CONCERT, 6500, Category.SPORTS, 4500, Category.THEATRE, 5500, Category.COMEDY, 3500, Category.FAMILY, 2500);
	private static final double[] RANK_MULTIPLIER = { 2.2, 1.5, 1.0, 0.7 };
	private static final String[] TOURS = { "Afterglow", "Long Way Home", "Electric Skies", "Lanterns", "Night Drive",
			"Paper Moons", "Wildfire", "Echoes", "Golden Hour", "Undertow" };
	private static final String[] COMEDY_SHOWS = { "Overthinking It", "Small Talk", "No Notes", "Work in Progress",
			"Mostly Harmless", "Late Again" };
	private static final String[] STARTS_LOCAL = { "19:00", "19:30", "20:00", "20:30" };

	private final Random random;
	private final LocalDate firstDay;

	DemoDataGenerator(long seed, LocalDate firstDay) {
		this.random = new Random(seed);
		this.firstDay = firstDay;
	}

	DemoData generate() {
		List<DemoData.Venue> venues = venues();
		List<DemoPerformers.Performer> performers = DemoPerformers.ALL;
		var events = new ArrayList<DemoData.Event>(EVENT_COUNT);
		for (long id = 1; id <= EVENT_COUNT; id++) {
			events.add(event(id, venues, performers));
		}
		return new DemoData(venues, performers, events);
	}

	private static List<DemoData.Venue> venues() {
		var venues = new ArrayList<DemoData.Venue>();
		for (DemoCities.City city : DemoCities.ALL) {
			if (city.arena()) {
				venues.add(new DemoData.Venue(venues.size() + 1, city.name() + " Arena", VenueKind.ARENA, city, VenueTemplates.arena()));
			}
			if (city.theatre()) {
				venues.add(new DemoData.Venue(venues.size() + 1, city.name() + " Playhouse", VenueKind.THEATRE, city, VenueTemplates.theatre()));
			}
			venues.add(new DemoData.Venue(venues.size() + 1, "The " + city.name() + " Social Club", VenueKind.CLUB, city, VenueTemplates.club()));
		}
		return venues;
	}

	private DemoData.Event event(long id, List<DemoData.Venue> venues, List<DemoPerformers.Performer> performers) {
		Category category = category();
		List<VenueKind> kinds = VENUES_FOR.get(category);
		VenueKind kind = kinds.get(random.nextInt(kinds.size()));
		List<DemoData.Venue> candidates = venues.stream().filter(v -> v.kind() == kind).toList();
		DemoData.Venue venue = candidates.get(random.nextInt(candidates.size()));

		List<Integer> ofCategory = new ArrayList<>();
		for (int i = 0; i < performers.size(); i++) {
			if (performers.get(i).category() == category) {
				ofCategory.add(i);
			}
		}
		int headliner = ofCategory.get(random.nextInt(ofCategory.size()));
		var performerIds = new ArrayList<Long>(List.of(headliner + 1L));
		String name = performers.get(headliner).name();
		switch (category) {
			case CONCERT -> name = name + " — " + TOURS[random.nextInt(TOURS.length)] + " Tour";
			case SPORTS -> {
				int opponent;
				do {
					opponent = ofCategory.get(random.nextInt(ofCategory.size()));
				}
				while (opponent == headliner || !performers.get(opponent).genre().equals(performers.get(headliner).genre()));
				performerIds.add(opponent + 1L);
				name = name + " vs " + performers.get(opponent).name();
			}
			case COMEDY -> name = name + ": " + COMEDY_SHOWS[random.nextInt(COMEDY_SHOWS.length)];
			default -> {
			}
		}
		ZoneId zone = ZoneId.of(venue.city().timezone());
		LocalDate day = firstDay.plusDays(1 + random.nextInt(364));
		Instant startsAt = day.atTime(LocalTime.parse(STARTS_LOCAL[random.nextInt(STARTS_LOCAL.length)])).atZone(zone).toInstant();
		Instant onSaleAt = startsAt.minus(30 + random.nextInt(150), ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
		String description = describe(category, performers.get(headliner), venue);
		return new DemoData.Event(id, venue, name, description, category, startsAt, onSaleAt, List.copyOf(performerIds),
				prices(category, venue.layout()));
	}

	private Category category() {
		int roll = random.nextInt(100);
		if (roll < 35) {
			return Category.CONCERT;
		}
		if (roll < 55) {
			return Category.SPORTS;
		}
		if (roll < 75) {
			return Category.THEATRE;
		}
		return roll < 90 ? Category.COMEDY : Category.FAMILY;
	}

	/** Prices per section: the category's base, varied per event, scaled by the section's rank, rounded to 50. */
	private int[] prices(Category category, VenueLayout layout) {
		double demand = 0.7 + random.nextDouble() * 1.1;
		int[] prices = new int[layout.sections().size()];
		for (int i = 0; i < prices.length; i++) {
			int rank = Math.min(layout.sections().get(i).rank(), RANK_MULTIPLIER.length - 1);
			prices[i] = (int) Math.max(500, Math.round(BASE_PRICE.get(category) * demand * RANK_MULTIPLIER[rank] / 50.0) * 50);
		}
		return prices;
	}

	private static String describe(Category category, DemoPerformers.Performer headliner, DemoData.Venue venue) {
		String where = venue.name() + " in " + venue.city().name();
		return switch (category) {
			case CONCERT -> headliner.name() + " bring their " + headliner.genre() + " set to " + where + ".";
			case SPORTS -> "League " + headliner.genre() + " at " + where + ". Doors open an hour before the game.";
			case THEATRE -> "A new staging of the acclaimed " + headliner.genre() + " at " + where + ".";
			case COMEDY -> headliner.name() + " with a brand-new hour of stand-up at " + where + ".";
			case FAMILY -> headliner.name() + ": a " + headliner.genre() + " for all ages at " + where + ".";
		};
	}

	/** The first day of the demo year: today in UTC. */
	static LocalDate today(Instant now) {
		return LocalDate.ofInstant(now, ZoneOffset.UTC);
	}
}
