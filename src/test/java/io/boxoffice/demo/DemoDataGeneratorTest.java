package io.boxoffice.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.boxoffice.catalog.Category;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataGeneratorTest {

	private static final LocalDate FIRST_DAY = LocalDate.of(2026, 11, 21);

	private final DemoData data = new DemoDataGenerator(DemoDataset.SEED, FIRST_DAY).generate();

	@Test
	void tenThousandEventsInTwentyOrMoreCitiesAcrossAllCategories() {
		assertThat(data.events()).hasSize(10_000);
		assertThat(data.events().stream().map(e -> e.venue().city().name()).distinct().count()).isGreaterThanOrEqualTo(20);
		assertThat(data.events().stream().map(DemoData.Event::category).collect(Collectors.toSet()))
			.containsExactlyInAnyOrder(Category.values());
	}

	@Test
	void aboutFiftyPerformersAndAnArenaATheatreAndAClub() {
		assertThat(data.performers()).hasSizeBetween(45, 55);
		assertThat(data.venues()).extracting(DemoData.Venue::kind).contains(DemoData.VenueKind.values());
	}

	@Test
	void everyEventIsWithinTheNextTwelveMonthsAndGoesOnSaleBeforeItStarts() {
		Instant start = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant end = start.plus(367, ChronoUnit.DAYS);
		assertThat(data.events()).allSatisfy(event -> {
			assertThat(event.startsAt()).isAfter(start).isBefore(end);
			assertThat(event.onSaleAt()).isBefore(event.startsAt());
		});
	}

	@Test
	void sportsAreHeldInArenasBetweenTwoTeamsOfTheSameSport() {
		var sports = data.events().stream().filter(e -> e.category() == Category.SPORTS).toList();
		assertThat(sports).isNotEmpty().allSatisfy(event -> {
			assertThat(event.venue().kind()).isEqualTo(DemoData.VenueKind.ARENA);
			assertThat(event.performerIds()).hasSize(2).doesNotHaveDuplicates();
			var home = data.performers().get((int) (event.performerIds().get(0) - 1));
			var away = data.performers().get((int) (event.performerIds().get(1) - 1));
			assertThat(home.genre()).isEqualTo(away.genre());
		});
	}

	@Test
	void everySectionIsPricedAndBetterSectionsCostAtLeastAsMuch() {
		assertThat(data.events()).allSatisfy(event -> {
			var sections = event.venue().layout().sections();
			assertThat(event.sectionPrices()).hasSize(sections.size());
			for (int i = 0; i < sections.size(); i++) {
				for (int j = 0; j < sections.size(); j++) {
					if (sections.get(i).rank() < sections.get(j).rank()) {
						assertThat(event.sectionPrices()[i]).isGreaterThanOrEqualTo(event.sectionPrices()[j]);
					}
				}
			}
		});
		assertThat(data.events().stream().flatMapToInt(e -> Arrays.stream(e.sectionPrices())).distinct().count())
			.as("prices vary").isGreaterThan(50);
	}

	@Test
	void theSameSeedAndDayGiveTheSameData() {
		DemoData again = new DemoDataGenerator(DemoDataset.SEED, FIRST_DAY).generate();
		for (int i = 0; i < data.events().size(); i += 97) {
			var a = data.events().get(i);
			var b = again.events().get(i);
			assertThat(b.name()).isEqualTo(a.name());
			assertThat(b.startsAt()).isEqualTo(a.startsAt());
			assertThat(b.venue().id()).isEqualTo(a.venue().id());
			assertThat(b.sectionPrices()).isEqualTo(a.sectionPrices());
		}
	}
}
