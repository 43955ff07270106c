package io.boxoffice.catalog.admin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.EventDetails;
import io.boxoffice.catalog.SeatMap;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.OutboxAudit;
import io.boxoffice.support.TestTokens;

import static io.boxoffice.catalog.admin.AdminRequests.event;
import static io.boxoffice.catalog.admin.AdminRequests.expectProblem;
import static io.boxoffice.catalog.admin.AdminRequests.performer;
import static io.boxoffice.catalog.admin.AdminRequests.seat;
import static io.boxoffice.catalog.admin.AdminRequests.section;
import static io.boxoffice.catalog.admin.AdminRequests.tier;
import static io.boxoffice.catalog.admin.AdminRequests.venue;
import static io.boxoffice.catalog.admin.AdminRequests.with;
import static org.assertj.core.api.Assertions.assertThat;

/** The admin API end to end: what it builds buyers can see, what it refuses it names, and what it writes it records. */
@IntegrationTest
class CatalogAdminIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	AdminRequests admin;
	String city;

	@BeforeEach
	void setUp() {
		OutboxAudit.install(db);
		admin = new AdminRequests(http, tokens);
		city = CatalogFixtures.unique("Adminville");
	}

	@Test
	void anAdminBuildsAVenuePerformersAndAnEventThatBuyersThenSee() {
		VenueResource venue = admin.post("/api/admin/venues", venue(city))
			.expectStatus().isCreated()
			.expectHeader().valueMatches("Location", "/api/admin/venues/\\d+")
			.expectBody(VenueResource.class).returnResult().getResponseBody();
		assertThat(venue.capacity()).isEqualTo(10);
		assertThat(venue.sections()).extracting(VenueResource.Section::name, VenueResource.Section::seatCount)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Stalls", 8), org.assertj.core.groups.Tuple.tuple("Circle", 2));
		assertThat(venue.sections().get(0).rows()).as("writes answer without the seats").isNull();
		VenueResource read = admin.get("/api/admin/venues/" + venue.id()).expectStatus().isOk().expectBody(VenueResource.class)
			.returnResult().getResponseBody();
		assertThat(read.stage().label()).isEqualTo("Stage");
		assertThat(read.sections().get(0).rows()).extracting(SeatMap.Row::label).containsExactly("A", "B");
		assertThat(read.sections().get(1).rows().get(0).seats()).extracting(SeatMap.Seat::number).containsExactly(1, 2);

		long headliner = admin.create("/api/admin/performers", performer(CatalogFixtures.unique("Headliner")));
		long support = admin.create("/api/admin/performers", performer(CatalogFixtures.unique("Support")));
		long circle = venue.sections().get(1).id();
		var request = event(venue.id(), List.of(headliner, support));
		request.put("priceTiers", List.of(tier("Stalls", 4500, "GBP"), tier(circle, 6000, "GBP")));

		EventDetails created = admin.post("/api/admin/events", request)
			.expectStatus().isCreated()
			.expectHeader().valueMatches("Location", "/api/events/\\d+")
			.expectBody(EventDetails.class).returnResult().getResponseBody();
		assertThat(created.version()).isEqualTo(1);

		EventDetails shown = http.get().uri("/api/events/" + created.id()).exchange()
			.expectStatus().isOk()
			.expectBody(EventDetails.class).returnResult().getResponseBody();
		assertThat(shown.name()).isEqualTo(request.get("name"));
		assertThat(shown.venue().city()).isEqualTo(city);
		assertThat(shown.performers()).extracting(EventDetails.Performer::id).as("billing order").containsExactly(headliner, support);
		assertThat(shown.priceTiers()).extracting(EventDetails.PriceTier::section, EventDetails.PriceTier::priceCents)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Circle", 6000L), org.assertj.core.groups.Tuple.tuple("Stalls", 4500L));
		assertThat(shown.onSale()).isTrue();
		assertThat(shown.availability()).isEqualTo(new EventDetails.AvailabilityCounts(10, 0, 0L, 10));

		SeatMap map = http.get().uri("/api/events/" + created.id() + "/seatmap").exchange()
			.expectStatus().isOk().expectBody(SeatMap.class).returnResult().getResponseBody();
		assertThat(map.stage().label()).isEqualTo("Stage");
		assertThat(map.sections()).extracting(SeatMap.Section::name, SeatMap.Section::priceCents)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("Stalls", 4500L), org.assertj.core.groups.Tuple.tuple("Circle", 6000L));
		assertThat(map.sections().get(0).rows().get(1).seats()).extracting(SeatMap.Seat::number).containsExactly(1, 2, 3, 4);
		assertThat(map.sections().get(0).rows().get(1).seats().get(3).x()).isEqualTo(3f);
	}

	@Test
	void invalidVenuesAreRefusedNamingTheField() {
		var good = venue(city);
		var cases = List.of(
				new Case(with(good, "sections", List.of(section("Floor", List.of(seat("A", 1, 0, 0), seat("A", 1, 3, 0))))),
						"/problems/invalid-layout", "sections[0].seats[1]"),
				new Case(with(good, "sections", List.of(section("Floor", List.of(seat("A", 1, 0, 0), seat("A", 2, 0.2, 0.1))))),
						"/problems/invalid-layout", "sections[0].seats[1]"),
				new Case(with(good, "sections", List.of()), "/problems/invalid-layout", "sections"),
				new Case(with(good, "sections", null), "/problems/invalid-layout", "sections"),
				new Case(with(good, "sections", List.of(section("Floor", List.of()))), "/problems/invalid-layout", "sections[0]"),
				new Case(with(good, "sections", List.of(section("Floor", List.of(seat("A", 0, 0, 0))))),
						"/problems/validation-failed", "sections[0].seats[0].number"),
				new Case(with(good, "lat", 90.5), "/problems/validation-failed", "lat"),
				new Case(with(good, "lon", -180.5), "/problems/validation-failed", "lon"),
				new Case(with(good, "timezone", "Mars/Olympus_Mons"), "/problems/validation-failed", "timezone"),
				new Case(with(good, "country", "XX"), "/problems/validation-failed", "country"),
				new Case(with(good, "name", " "), "/problems/validation-failed", "name"),
				new Case(with(good, "stage", Map.of("x", 0, "y", 0, "width", -1, "height", 1)), "/problems/validation-failed", "stage.width"));
		for (Case bad : cases) {
			expectProblem(admin.post("/api/admin/venues", bad.body()), 400, bad.type(), bad.field());
		}
	}

	@Test
	void invalidEventsAreRefusedNamingTheField() {
		Fixture f = fixture();
		long otherVenuesSection = admin.post("/api/admin/venues", venue(city)).expectStatus().isCreated()
			.expectBody(VenueResource.class).returnResult().getResponseBody().sections().get(0).id();
		var good = event(f.venueId(), List.of(f.performerId()));
		Instant past = Instant.now().minus(1, ChronoUnit.HOURS);
		var cases = List.of(
				new Case(with(good, "priceTiers", List.of(tier(otherVenuesSection, 100, "GBP"))), "/problems/unknown-section", "priceTiers[0].sectionId"),
				new Case(with(good, "priceTiers", List.of(tier("Gallery", 100, "GBP"))), "/problems/unknown-section", "priceTiers[0].sectionName"),
				new Case(with(good, "priceTiers", List.of(tier("Stalls", 100, "GBP"), tier(f.stallsId(), 200, "GBP"))),
						"/problems/duplicate-price-tier", "priceTiers[1]"),
				new Case(with(with(good, "startsAt", past.toString()), "onSaleAt", past.minusSeconds(60).toString()),
						"/problems/event-in-the-past", "startsAt"),
				new Case(with(good, "onSaleAt", Instant.now().plus(20, ChronoUnit.DAYS).toString()), "/problems/validation-failed", "onSaleAt"),
				new Case(with(good, "venueId", 987654321L), "/problems/unknown-venue", "venueId"),
				new Case(with(good, "performerIds", List.of(f.performerId(), 987654321L)), "/problems/unknown-performer", "performerIds[1]"),
				new Case(with(good, "priceTiers", List.of(tier("Stalls", -1, "GBP"))), "/problems/validation-failed", "priceTiers[0].priceCents"),
				new Case(with(good, "priceTiers", List.of(tier("Stalls", 100, "XYZ"))), "/problems/validation-failed", "priceTiers[0].currency"),
				new Case(with(good, "priceTiers", List.of(tier("Stalls", 100, "gbp"))), "/problems/validation-failed", "priceTiers[0].currency"),
				new Case(with(good, "priceTiers", List.of(tier("Stalls", 100, "GBP"), tier("Circle", 100, "EUR"))),
						"/problems/validation-failed", "priceTiers[1].currency"),
				new Case(with(good, "priceTiers", List.of()), "/problems/validation-failed", "priceTiers"),
				new Case(with(good, "name", null), "/problems/validation-failed", "name"),
				new Case(with(good, "startsAt", null), "/problems/validation-failed", "startsAt"),
				// Past Postgres's last timestamp (294276 AD) the insert itself failed: a 500.
				new Case(with(good, "startsAt", "+294277-01-01T00:00:00Z"), "/problems/validation-failed", "startsAt"),
				new Case(with(good, "startsAt", "+999999999-12-31T23:59:59Z"), "/problems/validation-failed", "startsAt"),
				new Case(with(good, "onSaleAt", "-999999999-01-01T00:00:00Z"), "/problems/validation-failed", "onSaleAt"));
		for (Case bad : cases) {
			expectProblem(admin.post("/api/admin/events", bad.body()), 400, bad.type(), bad.field());
			expectProblem(admin.put("/api/admin/events/" + f.eventId(), bad.body()), 400, bad.type(), bad.field());
		}
		admin.post("/api/admin/events", with(good, "category", "OPERA")).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/malformed-body").jsonPath("$.field").isEqualTo("category");
		assertThat(count("SELECT count(*) FROM event WHERE venue_id = " + f.venueId())).as("only the fixture's event").isEqualTo(1);
	}

	@Test
	void unknownIdsInThePathAreA404() {
		Fixture f = fixture();
		var venueBody = venue(city);
		var problems = List.of(
				new Case(admin.put("/api/admin/venues/987654321", venueBody), "/problems/venue-not-found", null),
				new Case(admin.get("/api/admin/venues/987654321"), "/problems/venue-not-found", null),
				new Case(admin.put("/api/admin/performers/987654321", performer("Nobody")), "/problems/performer-not-found", null),
				new Case(admin.get("/api/admin/performers/987654321"), "/problems/performer-not-found", null),
				new Case(admin.put("/api/admin/events/987654321", event(f.venueId(), List.of())), "/problems/event-not-found", null));
		for (Case problem : problems) {
			((WebTestClient.ResponseSpec) problem.body()).expectStatus().isNotFound()
				.expectBody().jsonPath("$.type").isEqualTo(problem.type());
		}
	}

	@Test
	void eachEventWriteLeavesExactlyOneOutboxRowWithTheNewVersion() {
		Fixture f = fixture();
		assertThat(outbox(f.eventId())).singleElement().satisfies(row -> {
			assertThat(row.get("type")).isEqualTo("EventCreated");
			assertThat((String) row.get("payload")).contains("\"version\": 1", "\"city\": \"" + city + "\"", "\"currency\": \"GBP\"",
					"\"minPriceCents\": 4500", "\"performers\": [\"", "\"venueName\": \"Hall-");
		});

		var update = with(event(f.venueId(), List.of(f.performerId())), "name", "Renamed");
		admin.put("/api/admin/events/" + f.eventId(), update).expectStatus().isOk()
			.expectBody().jsonPath("$.version").isEqualTo(2).jsonPath("$.name").isEqualTo("Renamed");

		List<Map<String, Object>> rows = outbox(f.eventId());
		assertThat(rows).hasSize(2);
		assertThat(rows.get(1).get("type")).isEqualTo("EventUpdated");
		assertThat((String) rows.get(1).get("payload")).contains("\"version\": 2", "\"name\": \"Renamed\"");
		assertThat(rows.get(1).get("topic")).isEqualTo("catalog.event-changed");
	}

	@Test
	void aWriteThatFailsAfterTheEventInsertLeavesNeitherEventNorOutboxRow() {
		Fixture f = fixture();
		Fixture other = fixture();
		long outboxBefore = count("SELECT count(*) FROM outbox_audit");
		var request = event(f.venueId(), List.of(f.performerId()));
		request.put("priceTiers", List.of(tier("Stalls", 100, "GBP"), tier(other.stallsId(), 100, "GBP")));

		expectProblem(admin.post("/api/admin/events", request), 400, "/problems/unknown-section", "priceTiers[1].sectionId");

		assertThat(count("SELECT count(*) FROM event WHERE name = '" + request.get("name") + "'")).isZero();
		assertThat(count("SELECT count(*) FROM outbox_audit WHERE payload->>'name' = '" + request.get("name") + "'")).isZero();
		assertThat(count("SELECT count(*) FROM outbox_audit")).isEqualTo(outboxBefore);
	}

	@Test
	void updatingAVenueRefreshesItsEventsAndReplacesTheLayoutByName() {
		Fixture f = fixture();
		var changed = with(with(venue("Elsewhere-" + city), "name", "Renamed Hall"), "lat", 48.85);
		changed.put("sections", List.of(
				Map.of("name", "Stalls", "rows", List.of(Map.of("row", "A", "count", 6, "x", 0, "y", 0))),
				section("Box", List.of(seat("A", 1, 20, 0)))));

		VenueResource updated = admin.put("/api/admin/venues/" + f.venueId(), changed).expectStatus().isOk()
			.expectBody(VenueResource.class).returnResult().getResponseBody();

		assertThat(updated.name()).isEqualTo("Renamed Hall");
		assertThat(updated.capacity()).isEqualTo(7);
		assertThat(updated.sections()).extracting(VenueResource.Section::name).containsExactly("Stalls", "Box");
		assertThat(updated.sections().get(0).id()).as("a kept section keeps its id").isEqualTo(f.stallsId());
		EventDetails shown = http.get().uri("/api/events/" + f.eventId()).exchange().expectStatus().isOk()
			.expectBody(EventDetails.class).returnResult().getResponseBody();
		assertThat(shown.version()).isEqualTo(2);
		assertThat(shown.venue().name()).isEqualTo("Renamed Hall");
		assertThat(shown.venue().city()).isEqualTo("Elsewhere-" + city);
		assertThat(shown.priceTiers()).extracting(EventDetails.PriceTier::section).as("Stalls' price survives").containsExactly("Stalls");
		assertThat(shown.availability().capacity()).as("the new Box has no price for this event, so it is not on sale").isEqualTo(6);
		assertThat(outbox(f.eventId())).hasSize(2).last().satisfies(row -> assertThat((String) row.get("payload"))
			.contains("\"version\": 2", "\"lat\": 48.85", "\"venueName\": \"Renamed Hall\""));
	}

	@Test
	void aVenueWhoseEventsHaveBookingsKeepsItsLayoutButMayChangeItsDetails() {
		Fixture f = fixture();
		new CatalogFixtures(db).sell(new CatalogFixtures.TestEvent(f.eventId(), f.venueId(), f.stallsId(), 0, List.of(), List.of(),
				f.performerId()), f.stallSeatId());
		var changed = with(venue(city), "name", "Same Seats");

		admin.put("/api/admin/venues/" + f.venueId(), changed).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/layout-locked");
		admin.put("/api/admin/venues/" + f.venueId(), with(changed, "sections", null)).expectStatus().isOk()
			.expectBody().jsonPath("$.name").isEqualTo("Same Seats").jsonPath("$.capacity").isEqualTo(10);
	}

	@Test
	void anEventWithSalesMayChangeItsPricesButNotItsVenue() {
		Fixture f = fixture();
		Fixture elsewhere = fixture();
		new CatalogFixtures(db).sell(new CatalogFixtures.TestEvent(f.eventId(), f.venueId(), f.stallsId(), 0, List.of(), List.of(),
				f.performerId()), f.stallSeatId());
		var request = event(f.venueId(), List.of(f.performerId()));
		request.put("priceTiers", List.of(tier("Stalls", 9900, "GBP")));

		admin.put("/api/admin/events/" + f.eventId(), with(request, "venueId", elsewhere.venueId())).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/event-has-sales");
		admin.put("/api/admin/events/" + f.eventId(), request).expectStatus().isOk()
			.expectBody().jsonPath("$.priceTiers[0].priceCents").isEqualTo(9900).jsonPath("$.availability.sold").isEqualTo(1);
		assertThat(count("SELECT price_cents FROM ticket WHERE event_id = " + f.eventId())).as("the sale keeps its price").isEqualTo(4500);
	}

	@Test
	void renamingAPerformerChangesTheirEventsAndNamesAreUnique() {
		Fixture f = fixture();
		String taken = CatalogFixtures.unique("Taken");
		admin.create("/api/admin/performers", performer(taken));
		admin.post("/api/admin/performers", performer(taken)).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/performer-name-taken");
		admin.put("/api/admin/performers/" + f.performerId(), performer(taken)).expectStatus().isEqualTo(409);

		String renamed = CatalogFixtures.unique("Renamed");
		admin.put("/api/admin/performers/" + f.performerId(), performer(renamed)).expectStatus().isOk()
			.expectBody().jsonPath("$.name").isEqualTo(renamed);

		http.get().uri("/api/events/" + f.eventId()).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.version").isEqualTo(2).jsonPath("$.performers[0].name").isEqualTo(renamed);
		assertThat(outbox(f.eventId())).hasSize(2).last().satisfies(row -> assertThat((String) row.get("payload")).contains(renamed));
	}

	@Test
	void aTwentyThousandSeatArenaPostsInOneRequest() {
		var sections = new ArrayList<Map<String, Object>>();
		for (int s = 0; s < 20; s++) {
			var rows = new ArrayList<Map<String, Object>>();
			for (int r = 0; r < 40; r++) {
				var seats = new ArrayList<Map<String, Object>>();
				for (int n = 1; n <= 25; n++) {
					seats.add(seat("R" + r, n, s * 30 + n, r * 1.2));
				}
				rows.addAll(seats);
			}
			sections.add(section("Block " + s, rows));
		}
		var arena = with(venue(city), "sections", sections);
		admin.post("/api/admin/venues", with(venue(city), "name", "Warm-up")).expectStatus().isCreated();

		long started = System.nanoTime();
		admin.post("/api/admin/venues", arena).expectStatus().isCreated().expectBody().jsonPath("$.capacity").isEqualTo(20_000);
		long millis = (System.nanoTime() - started) / 1_000_000;
		// Not asserted (tests never assert a time): printed for BENCHMARKS.md, "In the browser and elsewhere".
		System.out.println("Posted a 20,000-seat layout (seats listed one by one) in " + millis + " ms");
	}

	record Case(Object body, String type, String field) {
	}

	record Fixture(long venueId, long stallsId, long stallSeatId, long performerId, long eventId) {
	}

	/** A venue, a performer and an event there, all built through the API. */
	private Fixture fixture() {
		VenueResource venue = admin.post("/api/admin/venues", venue(city)).expectStatus().isCreated()
			.expectBody(VenueResource.class).returnResult().getResponseBody();
		long performerId = admin.create("/api/admin/performers", performer(CatalogFixtures.unique("Band")));
		long eventId = admin.create("/api/admin/events", event(venue.id(), List.of(performerId)));
		var stalls = admin.get("/api/admin/venues/" + venue.id()).expectBody(VenueResource.class).returnResult().getResponseBody()
			.sections().get(0);
		return new Fixture(venue.id(), stalls.id(), stalls.rows().get(0).seats().get(0).id(), performerId, eventId);
	}

	private List<Map<String, Object>> outbox(long eventId) {
		return db.sql("SELECT topic, type, payload::text AS payload FROM outbox_audit WHERE key = :key ORDER BY id")
			.bind("key", Long.toString(eventId))
			.fetch().all().collectList().block();
	}

	private long count(String sql) {
		return db.sql(sql).map((row, meta) -> ((Number) row.get(0)).longValue()).one().block();
	}
}
