package io.boxoffice.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class EventReadsIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	ReactiveStringRedisTemplate redis;

	CatalogFixtures fixtures;
	String city;
	Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	@BeforeEach
	void setUp() {
		fixtures = new CatalogFixtures(db);
		city = CatalogFixtures.unique("Testville");
	}

	@Test
	void listsUpcomingEventsOfACityInStartOrderAcrossKeysetPages() {
		TestEvent second = fixtures.event("Second", city, Category.CONCERT, now.plus(2, ChronoUnit.DAYS));
		TestEvent first = fixtures.event("First", city, Category.CONCERT, now.plus(1, ChronoUnit.DAYS));
		TestEvent third = fixtures.event("Third", city, Category.COMEDY, now.plus(3, ChronoUnit.DAYS));
		fixtures.event("Already over", city, Category.CONCERT, now.minus(1, ChronoUnit.DAYS));

		EventPage page1 = page("/api/events?size=2&city=" + city.toUpperCase());
		assertThat(page1.items()).extracting(EventSummary::id).containsExactly(first.id(), second.id());
		assertThat(page1.next()).isNotNull();

		EventPage page2 = page("/api/events?size=2&city=" + city + "&cursor=" + page1.next());
		assertThat(page2.items()).extracting(EventSummary::id).containsExactly(third.id());
		assertThat(page2.next()).isNull();
		assertThat(page("/api/events?size=2&city=" + city + "&after=" + page1.next()).items()).as("the older name of cursor")
			.extracting(EventSummary::id).containsExactly(third.id());
	}

	@Test
	void listItemsCarryTheVenueTheOnSaleTimeAndTheStartOnTheVenuesClock() {
		// 19:30 UTC in July is 20:30 in London (BST): the local time is the venue's, not UTC's.
		Instant startsAt = Instant.parse("2031-07-01T19:30:00Z");
		TestEvent event = fixtures.event("Summer Night", city, Category.CONCERT, startsAt);

		EventSummary summary = page("/api/events?city=" + city).items().get(0);

		assertThat(summary.id()).isEqualTo(event.id());
		assertThat(summary.startsAt()).isEqualTo(startsAt);
		assertThat(summary.timeZone()).isEqualTo("Europe/London");
		assertThat(summary.localStartsAt()).isEqualTo(java.time.LocalDateTime.parse("2031-07-01T20:30:00"));
		assertThat(summary.onSaleAt()).isNotNull().isBefore(startsAt);
		assertThat(summary.venue()).isEqualTo(new VenueRef(event.venueId(), summary.venue().name(), city));
		assertThat(summary.venue().name()).startsWith("Test Hall");
		http.get().uri("/api/events?city=" + city).exchange().expectBody()
			.jsonPath("$.items[0].localStartsAt").isEqualTo("2031-07-01T20:30:00")
			.jsonPath("$.items[0].venueName").doesNotExist();

		EventDetails details = http.get().uri("/api/events/" + event.id()).exchange()
			.expectStatus().isOk()
			.expectBody(EventDetails.class).returnResult().getResponseBody();
		assertThat(details.timeZone()).isEqualTo("Europe/London");
		assertThat(details.localStartsAt()).isEqualTo(java.time.LocalDateTime.parse("2031-07-01T20:30:00"));
	}

	@Test
	void readsTheCategoryInAnyCaseAndRefusesUnknownParametersByName() {
		TestEvent comedy = fixtures.event("A laugh", city, Category.COMEDY, now.plus(2, ChronoUnit.DAYS));
		assertThat(page("/api/events?city=" + city + "&category=comedy").items()).extracting(EventSummary::id)
			.containsExactly(comedy.id());

		http.get().uri("/api/events?city=" + city + "&categroy=COMEDY").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/invalid-request")
			.jsonPath("$.parameter").isEqualTo("categroy")
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("'categroy'", "'category'"));
	}

	@Test
	void filtersByCategoryAndSummarisesThePriceRange() {
		fixtures.event("A gig", city, Category.CONCERT, now.plus(1, ChronoUnit.DAYS));
		TestEvent comedy = fixtures.event("A laugh", city, Category.COMEDY, now.plus(2, ChronoUnit.DAYS));

		EventPage page = page("/api/events?city=" + city + "&category=COMEDY");

		assertThat(page.items()).singleElement().satisfies(summary -> {
			assertThat(summary.id()).isEqualTo(comedy.id());
			assertThat(summary.category()).isEqualTo(Category.COMEDY);
			assertThat(summary.venue().city()).isEqualTo(city);
			assertThat(summary.minPriceCents()).isEqualTo(4500);
			assertThat(summary.currency()).isEqualTo("GBP");
		});
	}

	@Test
	void rejectsBadListParametersWithAProblemNamingTheParameter() {
		for (var bad : List.of("category=OPERA", "size=0", "size=101", "size=ten", "after=not-a-cursor", "cursor=not-a-cursor")) {
			String parameter = bad.substring(0, bad.indexOf('='));
			http.get().uri("/api/events?" + bad).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type").isEqualTo("/problems/invalid-request")
				.jsonPath("$.parameter").isEqualTo(parameter)
				.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(parameter));
		}
	}

	@Test
	void showsAnEventWithVenuePerformersPriceTiersAndLiveCounts() {
		TestEvent event = fixtures.event("Big Night", city, Category.CONCERT, now.plus(5, ChronoUnit.DAYS));
		fixtures.sell(event, event.frontSeatIds().get(0));

		EventDetails details = http.get().uri("/api/events/" + event.id()).exchange()
			.expectStatus().isOk()
			.expectBody(EventDetails.class).returnResult().getResponseBody();

		assertThat(details.name()).isEqualTo("Big Night");
		assertThat(details.onSale()).isTrue();
		assertThat(details.venue().id()).isEqualTo(event.venueId());
		assertThat(details.venue().city()).isEqualTo(city);
		assertThat(details.performers()).extracting(EventDetails.Performer::id).containsExactly(event.performerId());
		assertThat(details.priceTiers()).singleElement().satisfies(tier -> {
			assertThat(tier.sectionId()).isEqualTo(event.frontSectionId());
			assertThat(tier.priceCents()).isEqualTo(4500);
		});
		// The fixture prices only the front section: the unpriced back half of the venue is not on sale.
		assertThat(details.availability()).isEqualTo(new EventDetails.AvailabilityCounts(event.frontSeatIds().size(), 1, 0L, event.frontSeatIds().size() - 1));
	}

	@Test
	void unknownEventIsA404ProblemAndAMalformedIdA400() {
		for (String path : List.of("", "/seatmap", "/availability")) {
			http.get().uri("/api/events/987654321" + path).exchange()
				.expectStatus().isNotFound()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type").isEqualTo("/problems/event-not-found")
				.jsonPath("$.eventId").isEqualTo(987654321);
			http.get().uri("/api/events/twelve" + path).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.parameter").isEqualTo("id")
				.jsonPath("$.detail").isEqualTo("'id' must be a whole number, not 'twelve'");
		}
	}

	@Test
	void seatMapHasEverySeatWithItsSectionPriceAndAnETagThatAnswers304() {
		TestEvent event = fixtures.event("Layout", city, Category.THEATRE, now.plus(5, ChronoUnit.DAYS));

		var result = http.get().uri("/api/events/" + event.id() + "/seatmap").exchange()
			.expectStatus().isOk()
			.expectHeader().valueMatches("Cache-Control", ".*max-age=\\d+.*")
			.expectBody(SeatMap.class).returnResult();
		SeatMap map = result.getResponseBody();
		String etag = result.getResponseHeaders().getETag();

		assertThat(map.sections()).extracting(SeatMap.Section::name).containsExactly("Front", "Back");
		assertThat(map.sections().get(0).priceCents()).isEqualTo(4500);
		assertThat(map.sections().get(1).priceCents()).as("the back is not on sale").isNull();
		assertThat(map.sections().stream().flatMap(s -> s.rows().stream()).flatMap(r -> r.seats().stream()).map(SeatMap.Seat::id))
			.containsExactlyElementsOf(event.seatIds());
		assertThat(map.sections().get(0).rows()).extracting(SeatMap.Row::label).containsExactly("A", "B");
		assertThat(map.bounds().maxX()).isEqualTo(5f);
		assertThat(etag).isNotBlank();

		http.get().uri("/api/events/" + event.id() + "/seatmap").header("If-None-Match", etag).exchange()
			.expectStatus().isNotModified()
			.expectBody().isEmpty();
	}

	@Test
	void availabilityListsSoldSeatsAndTheCurrentVersion() {
		TestEvent event = fixtures.event("Availability", city, Category.SPORTS, now.plus(5, ChronoUnit.DAYS));
		long sold = event.frontSeatIds().get(3);
		fixtures.sell(event, sold);
		redis.opsForValue().set("ver:{" + event.id() + "}", "42").block();

		http.get().uri("/api/events/" + event.id() + "/availability").exchange()
			.expectStatus().isOk()
			.expectHeader().cacheControl(org.springframework.http.CacheControl.noStore())
			.expectBody()
			.jsonPath("$.version").isEqualTo(42)
			.jsonPath("$.held").isEmpty()
			.jsonPath("$.sold[0]").isEqualTo(sold)
			.jsonPath("$.sold.length()").isEqualTo(1);
	}

	private EventPage page(String uri) {
		return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(EventPage.class).returnResult().getResponseBody();
	}
}
