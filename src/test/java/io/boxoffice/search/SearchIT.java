package io.boxoffice.search;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole change flow on the real services: catalog rows + an outbox row → relay → Kafka → indexer
 * → Elasticsearch → {@code GET /api/search}. Four events in a city of their own, so other tests'
 * documents never show up.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIT {

	private static final AtomicInteger POLLS = new AtomicInteger();

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	CatalogFixtures catalog;
	SearchFixtures search;
	String city;
	Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
	TestEvent serenade;
	TestEvent comedy;
	TestEvent gala;
	TestEvent strings;

	@BeforeAll
	void indexFourEvents() {
		catalog = new CatalogFixtures(db);
		search = new SearchFixtures(db);
		city = CatalogFixtures.unique("Searchville");
		serenade = event("Moonlight Serenade Orchestra", Category.CONCERT, 10, 4500, 51.5074, -0.1278); // London
		comedy = event("Comedy Cellar Nights", Category.COMEDY, 5, 2000, 53.4808, -2.2426); // Manchester
		gala = event("Grand Theatre Gala", Category.THEATRE, 20, 9000, 55.9533, -3.1883); // Edinburgh
		strings = event("Serenade for Strings", Category.CONCERT, 15, 6000, 51.4545, -2.5879); // Bristol
		gala.seatIds().forEach(seat -> catalog.sell(gala, seat));
		List.of(serenade, comedy, gala, strings).forEach(search::catalogChanged);
		// The first documents also wait for the consumer group to form; later changes are measured.
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.until(() -> freshPage("city=" + city).total() == 4);
	}

	private TestEvent event(String name, Category category, int inDays, int cents, double lat, double lon) {
		TestEvent event = catalog.event(name, city, category, now.plus(inDays, ChronoUnit.DAYS));
		search.price(event, cents);
		search.place(event, lat, lon);
		return event;
	}

	@Test
	void aNewEventWithItsOutboxRowIsSearchableWithinFiveSeconds() {
		String elsewhere = CatalogFixtures.unique("Newtown");
		TestEvent fresh = catalog.event("Brand New Tour", elsewhere, Category.CONCERT, now.plus(3, ChronoUnit.DAYS));
		search.catalogChanged(fresh);

		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
			.until(() -> freshPage("city=" + elsewhere + "&q=brand").ids().equals(List.of(fresh.id())));
	}

	@Test
	void aSaleAnnouncedOnBookingChangedUpdatesAvailability() {
		String elsewhere = CatalogFixtures.unique("Saletown");
		TestEvent event = catalog.event("Tiny Gig", elsewhere, Category.CONCERT, now.plus(3, ChronoUnit.DAYS));
		search.catalogChanged(event);
		await().atMost(Duration.ofSeconds(10)).until(() -> freshPage("city=" + elsewhere + "&available=true").total() == 1);

		event.seatIds().forEach(seat -> catalog.sell(event, seat));
		search.bookingChanged(event);

		await().atMost(Duration.ofSeconds(10)).until(() -> freshPage("city=" + elsewhere + "&available=false").total() == 1);
	}

	@Test
	void findsWordsDespiteATypoAndHighlightsTheWordsFound() {
		SearchPage orchestra = page("q=Orchestar");
		assertThat(orchestra.ids()).containsExactly(serenade.id());
		assertThat(orchestra.items().get(0).highlight().get("name")).containsExactly("Moonlight Serenade <em>Orchestra</em>");
		SearchPage comedyCellar = page("q=Comedi Celar");
		assertThat(comedyCellar.ids()).containsExactly(comedy.id());
		assertThat(comedyCellar.items().get(0).highlight().get("name")).containsExactly("<em>Comedy</em> <em>Cellar</em> Nights");
	}

	@Test
	void findsAPrefixOfTheLastWord() {
		assertThat(page("q=moonl").ids()).containsExactly(serenade.id());
		SearchPage grandTheatre = page("q=grand thea");
		assertThat(grandTheatre.ids()).containsExactly(gala.id());
		assertThat(grandTheatre.items().get(0).highlight().get("name")).containsExactly("<em>Grand</em> <em>Theatre</em> Gala");
	}

	@Test
	void ranksByRelevanceAndHighlightsTheMatch() {
		SearchPage page = page("q=serenade");
		assertThat(page.ids()).containsExactlyInAnyOrder(serenade.id(), strings.id());
		assertThat(page.items().get(0).highlight().get("name")).singleElement().asString().contains("<em>Serenade</em>");
	}

	@Test
	void filtersByCategoryAndCountsEveryCategoryInTheFacets() {
		SearchPage page = page("category=comedy");
		assertThat(page.ids()).containsExactly(comedy.id());
		assertThat(page.total()).isEqualTo(1);
		assertThat(page.facets().get("category")).containsEntry("CONCERT", 2L).containsEntry("COMEDY", 1L)
			.containsEntry("THEATRE", 1L);
	}

	@Test
	void filtersByAvailability() {
		assertThat(page("available=false").ids()).containsExactly(gala.id());
		assertThat(page("available=true&sort=date").ids()).containsExactly(comedy.id(), serenade.id(), strings.id());
	}

	@Test
	void filtersByPriceRangeOverlap() {
		assertThat(page("minPriceCents=5000&sort=price").ids()).containsExactly(strings.id(), gala.id());
		assertThat(page("maxPriceCents=4500&sort=price").ids()).containsExactly(comedy.id(), serenade.id());
		assertThat(page("minPriceCents=4000&maxPriceCents=6000&sort=price").ids()).containsExactly(serenade.id(), strings.id());
		assertThat(page("minPrice=5000&sort=PRICE").ids()).as("the older name, and the sort in any case")
			.containsExactly(strings.id(), gala.id());
	}

	/**
	 * A date means the local day where the event is. Auckland's 00:30 on the 25th is the 24th in UTC, Los Angeles'
	 * 22:00 on the 24th is the 25th in UTC: read as UTC days (as it used to be) the filter would find the wrong one.
	 */
	@Test
	void aDateFilterMeansTheLocalDayAtTheVenue() {
		String elsewhere = CatalogFixtures.unique("Zonetown");
		TestEvent auckland = catalog.event("Midnight in Auckland", elsewhere, Category.CONCERT, Instant.parse("2031-12-24T11:30:00Z"));
		search.zone(auckland, "Pacific/Auckland");
		TestEvent losAngeles = catalog.event("Late Show in LA", elsewhere, Category.CONCERT, Instant.parse("2031-12-25T06:00:00Z"));
		search.zone(losAngeles, "America/Los_Angeles");
		List.of(auckland, losAngeles).forEach(search::catalogChanged);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
			.until(() -> freshPage("city=" + elsewhere + "&from=2031-01-01").total() == 2);

		SearchPage christmasEve = http.get().uri("/api/search?city=" + elsewhere + "&from=2031-12-24&to=2031-12-24").exchange()
			.expectStatus().isOk().expectBody(SearchPage.class).returnResult().getResponseBody();
		assertThat(christmasEve.ids()).containsExactly(losAngeles.id());
		assertThat(christmasEve.items().get(0).localStartsAt()).isEqualTo("2031-12-24T22:00:00");
		assertThat(christmasEve.items().get(0).timeZone()).isEqualTo("America/Los_Angeles");
		assertThat(christmasEve.items().get(0).startsAt()).isEqualTo("2031-12-25T06:00:00Z");
		SearchPage christmasDay = http.get().uri("/api/search?city=" + elsewhere + "&from=2031-12-25&to=2031-12-25").exchange()
			.expectStatus().isOk().expectBody(SearchPage.class).returnResult().getResponseBody();
		assertThat(christmasDay.ids()).containsExactly(auckland.id());
		// An instant still means that instant, for machines.
		SearchPage byInstant = http.get().uri("/api/search?city=" + elsewhere + "&from=2031-12-25T00:00:00Z").exchange()
			.expectStatus().isOk().expectBody(SearchPage.class).returnResult().getResponseBody();
		assertThat(byInstant.ids()).containsExactly(losAngeles.id());
	}

	@Test
	void refusesAnUnknownParameterByName() {
		http.get().uri("/api/search?city=" + city + "&minprice=100").exchange()
			.expectStatus().isBadRequest()
			.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo("/problems/invalid-request")
			.jsonPath("$.parameter").isEqualTo("minprice")
			.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("'minprice'", "'minPriceCents'"));
	}

	@Test
	void filtersByDateRange() {
		String cut = now.plus(12, ChronoUnit.DAYS).toString();
		assertThat(page("to=" + cut + "&sort=date").ids()).containsExactly(comedy.id(), serenade.id());
		assertThat(page("from=" + cut + "&sort=date").ids()).containsExactly(strings.id(), gala.id());
	}

	@Test
	void filtersByDistanceAndSortsByIt() {
		assertThat(page("near=51.5,-0.12&radiusKm=50").ids()).containsExactly(serenade.id());
		assertThat(page("near=51.5,-0.12&sort=distance").ids()).containsExactly(serenade.id(), strings.id(), comedy.id(), gala.id());
	}

	@Test
	void sortsByDateAndPrice() {
		assertThat(page("sort=date").ids()).containsExactly(comedy.id(), serenade.id(), strings.id(), gala.id());
		assertThat(page("sort=price").ids()).containsExactly(comedy.id(), serenade.id(), strings.id(), gala.id());
	}

	@Test
	void pagesWithAnOpaqueSearchAfterCursor() {
		SearchPage first = page("sort=date&size=2");
		assertThat(first.ids()).containsExactly(comedy.id(), serenade.id());
		assertThat(first.total()).isEqualTo(4);
		SearchPage second = page("sort=date&size=2&cursor=" + first.next());
		assertThat(second.ids()).containsExactly(strings.id(), gala.id());
		SearchPage third = page("sort=date&size=2&after=" + second.next());
		assertThat(third.ids()).isEmpty();
		assertThat(third.next()).isNull();
	}

	@Test
	void answersWithPublicCachingAndTheSummaryFields() {
		http.get().uri("/api/search?city=" + city + "&q=gala").exchange()
			.expectStatus().isOk()
			.expectHeader().cacheControl(org.springframework.http.CacheControl.maxAge(Duration.ofSeconds(10)).cachePublic())
			.expectBody()
			.jsonPath("$.items[0].id").isEqualTo(gala.id())
			.jsonPath("$.items[0].venue.id").isEqualTo(gala.venueId())
			.jsonPath("$.items[0].venue.name").isNotEmpty()
			.jsonPath("$.items[0].venue.city").isEqualTo(city)
			.jsonPath("$.items[0].performers[0]").isNotEmpty()
			.jsonPath("$.items[0].minPriceCents").isEqualTo(9000)
			.jsonPath("$.items[0].maxPriceCents").isEqualTo(9000)
			.jsonPath("$.items[0].currency").isEqualTo("GBP")
			.jsonPath("$.items[0].available").isEqualTo(false)
			.jsonPath("$.items[0].timeZone").isEqualTo("Europe/London")
			.jsonPath("$.items[0].localStartsAt").isNotEmpty()
			.jsonPath("$.items[0].onSaleAt").isNotEmpty()
			.jsonPath("$.items[0].minPrice").doesNotExist();
	}

	@Test
	void rejectsBadParametersWithAProblemNamingTheParameter() {
		for (String bad : List.of("near=abc", "near=91,0", "radiusKm=5", "radiusKm=-1&near=51,0", "category=OPERA", "from=yesterday",
				"to=2020-01-01", "minPrice=-1", "maxPrice=abc", "available=maybe", "sort=popularity", "sort=distance", "size=0",
				"size=51", "after=garbage", "cursor=garbage", "minPriceCents=-1", "maxPriceCents=x", "q=" + "x".repeat(201))) {
			String parameter = bad.substring(0, bad.indexOf('='));
			http.get().uri("/api/search?" + bad).exchange()
				.expectStatus().isBadRequest()
				.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.type").isEqualTo("/problems/invalid-request")
				.jsonPath("$.parameter").isEqualTo(parameter);
		}
	}

	/** {@code query} as typed: the URI template encodes it (a space becomes %20; a "%20" written here would be sent as "%2520"). */
	private SearchPage page(String query) {
		return http.get().uri("/api/search?city=" + city + "&" + query).exchange()
			.expectStatus().isOk()
			.expectBody(SearchPage.class).returnResult().getResponseBody();
	}

	/**
	 * Each poll asks a query never asked before (a price cap no event reaches), so the 10 s query cache
	 * cannot answer it, nor can a poll's answer be served later to another test's query.
	 */
	private SearchPage freshPage(String query) {
		return http.get().uri("/api/search?" + query + "&maxPriceCents=" + (100_000_000 + POLLS.getAndIncrement())).exchange()
			.expectStatus().isOk()
			.expectBody(SearchPage.class).returnResult().getResponseBody();
	}
}
