package io.boxoffice.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.outbox.Outbox;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.stripe.FakeStripe;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every browser test needs: Debian's /usr/bin/chromium driven by Playwright (skipped, with the install command,
 * where it is absent), two buyers' browser contexts against the app on its random port, and page helpers.
 */
@IntegrationTest
@ActiveProfiles("demo") // for POST /api/dev/token, the pages' "Sign in as"
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {

	static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
	static final Path ARTIFACTS = Paths.get("target", "browser-artifacts");
	/** B must see A's change within this (the page polls every 500 ms when there is no WebSocket). */
	static final LocatorAssertions.HasAttributeOptions WITHIN_1S = new LocatorAssertions.HasAttributeOptions().setTimeout(1_000);
	/** A sale reaches the availability once the confirm's Redis-sync job has run. */
	static final LocatorAssertions.HasAttributeOptions WITHIN_15S = new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);

	@Autowired
	DatabaseClient db;

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	Outbox outbox;

	@LocalServerPort
	int port;

	Playwright playwright;
	Browser browser;
	BrowserContext buyerA;
	BrowserContext buyerB;

	@BeforeAll
	void launch() throws Exception {
		Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium not found at /usr/bin/chromium: apt-get install -y chromium");
		Path tmp = Files.createDirectories(Paths.get("target", "tmp").toAbsolutePath());
		Files.createDirectories(ARTIFACTS);
		System.setProperty("playwright.driver.tmpdir", tmp.toString()); // the driver (with its Node) unpacks here, not in /tmp
		playwright = Playwright.create(new Playwright.CreateOptions()
			.setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "TMPDIR", tmp.toString())));
		browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
			.setExecutablePath(CHROMIUM)
			.setHeadless(true)
			.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--no-first-run")));
		PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
	}

	@BeforeEach
	void contexts() {
		buyerA = newBuyer(1280, 900);
		buyerB = newBuyer(1280, 900);
	}

	BrowserContext newBuyer(int width, int height) {
		BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()).setViewportSize(width, height));
		context.setDefaultTimeout(15_000);
		return context;
	}

	@AfterEach
	void closeContexts() {
		if (buyerA != null) buyerA.close();
		if (buyerB != null) buyerB.close();
	}

	@AfterAll
	void close() {
		if (browser != null) browser.close();
		if (playwright != null) playwright.close();
	}

	// ------------------------------------------------------------------

	String base() {
		return "http://127.0.0.1:" + port;
	}

	static String user(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	Page openEvent(BrowserContext context, long eventId) {
		Page page = context.newPage();
		page.navigate("/event.html?id=" + eventId);
		assertThat(page.locator("#seatmap")).hasAttribute("data-ready", "true");
		return page;
	}

	static void signIn(Page page, String user) {
		page.locator("#signin-user").fill(user);
		page.locator("#signin-form button[type=submit]").click();
		assertThat(page.getByTestId("signed-in-user")).hasText(user);
	}

	static Locator seat(Page page, long seatId) {
		return page.locator("circle[data-seat=\"" + seatId + "\"]");
	}

	/** Another buyer holds these seats through the API; answers the hold id. */
	String holdThroughTheApi(String user, long eventId, List<Long> seatIds) {
		Map<?, ?> hold = http.post().uri("/api/holds")
			.header("Authorization", TestTokens.bearer(tokens.user(user)))
			.bodyValue(Map.of("eventId", eventId, "seatIds", seatIds))
			.exchange().expectStatus().isEqualTo(HttpStatus.CREATED)
			.expectBody(Map.class).returnResult().getResponseBody();
		return (String) hold.get("holdId");
	}

	/** Announces a fixture event the way an admin write does and waits until search finds it in its city. */
	TestEvent searchable(TestEvent event, String city) {
		outbox.append("catalog.event-changed", Long.toString(event.id()), "EventCreated", Map.of("eventId", event.id(), "version", 1))
			.block(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(
				http.get().uri("/api/search?city={city}&size=50", city).exchange().expectStatus().isOk()
					.expectBody(String.class).returnResult().getResponseBody()).contains("\"id\":" + event.id()));
		return event;
	}

	/** A PENDING booking of these seats (held, then booked, not paid) through the API; answers the booking id. */
	String pendingBookingThroughTheApi(String buyer, long eventId, List<Long> seatIds) {
		String holdId = holdThroughTheApi(buyer, eventId, seatIds);
		Map<?, ?> booking = http.post().uri("/api/bookings").header("Authorization", TestTokens.bearer(tokens.user(buyer)))
			.header("Idempotency-Key", UUID.randomUUID().toString()).bodyValue(Map.of("holdId", holdId))
			.exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
		return (String) booking.get("bookingId");
	}

	/** A confirmed booking of these seats for this user, through the public API (hold, book, pay with a good card). */
	String confirmedBookingThroughTheApi(String buyer, long eventId, List<Long> seatIds) {
		String bookingId = pendingBookingThroughTheApi(buyer, eventId, seatIds);
		String bearer = TestTokens.bearer(tokens.user(buyer));
		http.post().uri("/api/bookings/{id}/confirm", bookingId).header("Authorization", bearer)
			.header("Idempotency-Key", UUID.randomUUID().toString()).bodyValue(Map.of("paymentMethod", "pm_card_visa"))
			.exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
		return bookingId;
	}

	/** The fake Stripe, delivering its webhooks to this app (3-D Secure is answered by webhook). */
	FakeStripe stripeWithWebhooks() {
		FakeStripe stripe = FakeStripe.running();
		stripe.deliverWebhooksTo(URI.create(base() + "/api/payments/stripe/webhook"));
		return stripe;
	}

	/** A venue of rows x seatsPerRow seats in sections of ten rows, every section priced, on sale now. */
	long arenaEvent(int rows, int seatsPerRow) {
		long venueId = id("""
				INSERT INTO venue (name, city, country, lat, lon, timezone, stage)
				VALUES ('%s', '%s', 'GB', 51.5, -0.12, 'Europe/London', '{"x":40,"y":-20,"width":120,"height":12,"label":"Stage"}')
				RETURNING id""".formatted(CatalogFixtures.unique("Big Arena"), CatalogFixtures.unique("Arenaville")));
		long eventId = db.sql("""
				INSERT INTO event (venue_id, name, description, category, starts_at, city, lat, lon, on_sale_at)
				VALUES (:venue, :name, 'A big one', 'SPORTS', now() + interval '20 days', 'Arenaville', 51.5, -0.12, now() - interval '10 days')
				RETURNING id""").bind("venue", venueId).bind("name", CatalogFixtures.unique("Arena Night"))
			.map((row, meta) -> row.get("id", Long.class)).one().block();
		for (int block = 0; block < rows / 10; block++) {
			long section = id("INSERT INTO section (venue_id, name, position) VALUES (" + venueId + ", 'Block " + (block + 1) + "', "
					+ block + ") RETURNING id");
			db.sql("""
					INSERT INTO seat (venue_id, section_id, row_label, number, x, y)
					SELECT :venue, :section, 'R' || r, n, n + ((n - 1) / 50) * 2, r * 1.2 + :block * 2
					FROM generate_series(:first, :last) r, generate_series(1, :perRow) n ORDER BY r, n
					""").bind("venue", venueId).bind("section", section).bind("block", block)
				.bind("first", block * 10 + 1).bind("last", block * 10 + 10).bind("perRow", seatsPerRow).then().block();
			db.sql("INSERT INTO price_tier (event_id, section_id, price_cents, currency) VALUES (" + eventId + ", " + section + ", "
					+ (9000 - block * 500) + ", 'GBP')").then().block();
		}
		return eventId;
	}

	/** The seat ids of an event's venue in row-major order. */
	List<Long> seatIdsOf(long eventId) {
		return db.sql("SELECT s.id FROM seat s JOIN event e ON e.venue_id = s.venue_id WHERE e.id = :event ORDER BY s.id")
			.bind("event", eventId).map((row, meta) -> row.get("id", Long.class)).all().collectList().block();
	}

	private long id(String sql) {
		return db.sql(sql).map((row, meta) -> row.get("id", Long.class)).one().block();
	}
}
