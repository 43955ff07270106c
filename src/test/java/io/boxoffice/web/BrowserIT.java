package io.boxoffice.web;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.outbox.Outbox;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.stripe.FakeStripe;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The static pages in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) against the
 * whole app: two buyers on one seat map see each other's holds and sales live, the list leads to the map,
 * and a 20,000-seat map's first paint is measured. Screenshots land in target/browser-artifacts/.
 */
@IntegrationTest
@ActiveProfiles("demo") // for POST /api/dev/token, the pages' "Sign in as"
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserIT {

	static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
	static final Path ARTIFACTS = Paths.get("target", "browser-artifacts");
	/** B must see A's change within this (the page polls every 500 ms when there is no WebSocket). */
	static final LocatorAssertions.HasAttributeOptions WITHIN_1S = new LocatorAssertions.HasAttributeOptions().setTimeout(1_000);
	/** A sale reaches the availability once the confirm's Redis-sync job has run. */
	static final LocatorAssertions.HasAttributeOptions WITHIN_15S = new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);

	@Autowired
	DatabaseClient db;

	@Autowired
	Outbox outbox;

	@Autowired
	WebTestClient http;

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
		buyerA = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()).setViewportSize(1280, 900));
		buyerB = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()).setViewportSize(1280, 900));
		buyerA.setDefaultTimeout(15_000);
		buyerB.setDefaultTimeout(15_000);
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

	@Test
	void aHoldASaleAndAReleaseReachTheOtherBuyersSeatMapLive() {
		FakeStripe stripe = FakeStripe.running();
		stripe.deliverWebhooksTo(URI.create(base() + "/api/payments/stripe/webhook"));
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Gala"), CatalogFixtures.unique("Webtown"),
				Category.CONCERT, Instant.now().plus(20, ChronoUnit.DAYS));
		long first = event.frontSeatIds().get(0);
		long second = event.frontSeatIds().get(1);
		long third = event.frontSeatIds().get(2);

		Page a = openEvent(buyerA, event.id());
		Page b = openEvent(buyerB, event.id());
		signIn(a, "web-a-" + UUID.randomUUID().toString().substring(0, 8));

		// A picks two seats and holds them; B's map shows them held within a second.
		seat(a, first).click();
		assertThat(seat(a, first)).hasClass(Pattern.compile("\\bselected\\b"));
		seat(a, second).click();
		a.locator("#hold").click();
		assertThat(a.locator("#countdown")).hasText(Pattern.compile("\\d+:\\d\\d"));
		assertThat(seat(a, first)).hasClass(Pattern.compile("\\bmine\\b"));
		assertThat(seat(b, first)).hasAttribute("data-status", "held", WITHIN_1S);
		assertThat(seat(b, second)).hasAttribute("data-status", "held", WITHIN_1S);
		a.locator(".seatmap-wrap").screenshot(new Locator.ScreenshotOptions().setPath(ARTIFACTS.resolve("seatmap-held.png")));

		// A checks out and pays with a card that succeeds; B sees the seats sold.
		a.locator("#checkout").click();
		assertThat(a.locator("#pay-form")).isVisible();
		a.locator("input[value=pm_card_visa]").check();
		a.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("checkout.png")).setFullPage(true));
		a.locator("#pay").click();
		assertThat(a.locator("#confirmation")).isVisible();
		assertThat(a.locator("#status")).containsText("confirmed");
		a.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("confirmation.png")).setFullPage(true));
		assertThat(seat(b, first)).hasAttribute("data-status", "sold", WITHIN_15S);
		assertThat(seat(b, second)).hasAttribute("data-status", "sold", WITHIN_15S);

		// A holds one more seat and lets it go: B sees it held, then free again.
		a.locator("#again").click();
		seat(a, third).click();
		a.locator("#hold").click();
		assertThat(a.locator("#release")).isVisible();
		assertThat(seat(b, third)).hasAttribute("data-status", "held", WITHIN_1S);
		a.locator("#release").click();
		assertThat(a.locator("#status")).containsText("released");
		assertThat(seat(b, third)).hasAttribute("data-status", "free", WITHIN_1S);
		b.locator(".seatmap-wrap").screenshot(new Locator.ScreenshotOptions().setPath(ARTIFACTS.resolve("seatmap-other-buyer.png")));
	}

	@Test
	void aDeclinedCardIsExplainedAndThreeDSecureConfirmsOnceTheBankSaysYes() {
		FakeStripe stripe = FakeStripe.running();
		stripe.deliverWebhooksTo(URI.create(base() + "/api/payments/stripe/webhook"));
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Cards"), CatalogFixtures.unique("Cardiff"),
				Category.COMEDY, Instant.now().plus(20, ChronoUnit.DAYS));
		Page a = openEvent(buyerA, event.id());
		signIn(a, "web-c-" + UUID.randomUUID().toString().substring(0, 8));
		seat(a, event.frontSeatIds().get(4)).click();
		a.locator("#hold").click();
		a.locator("#checkout").click();
		a.locator("input[value=pm_card_chargeDeclined]").check();
		a.locator("#pay").click();
		assertThat(a.locator("#status")).containsText("Payment declined");
		assertThat(a.locator("#status")).hasAttribute("data-kind", "error");

		a.locator("input[value=pm_card_threeDSecure2Required]").check();
		a.locator("#pay").click();
		assertThat(a.locator("#authenticate")).isVisible();
		a.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("checkout-3ds.png")).setFullPage(true));
		String paymentIntent = stripe.paymentIntents().stream().filter(pi -> "requires_action".equals(pi.status()))
			.map(FakeStripe.PaymentIntentSnapshot::id).reduce((first, last) -> last).orElseThrow();
		stripe.authenticate(paymentIntent, true); // what the bank's page would do; the page polls the booking
		assertThat(a.locator("#confirmation")).isVisible();
	}

	@Test
	void theKeyboardSelectsSeatsAndATakenSeatIsNamed() {
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Keys"), CatalogFixtures.unique("Keytown"),
				Category.THEATRE, Instant.now().plus(20, ChronoUnit.DAYS));
		Page a = openEvent(buyerA, event.id());
		signIn(a, "web-k-" + UUID.randomUUID().toString().substring(0, 8));
		a.locator("#seatmap").focus();
		a.keyboard().press("Enter");
		assertThat(a.locator("#seatmap .seat.selected")).hasCount(1);
		a.keyboard().press("ArrowRight");
		a.keyboard().press("Space");
		assertThat(a.locator("#seatmap .seat.selected")).hasCount(2);
		assertThat(a.locator("#hold")).hasText("Hold 2 seats");
	}

	@Test
	void theEventListFindsAnEventAndLeadsToItsSeatMap() {
		String city = CatalogFixtures.unique("Searchville");
		String name = CatalogFixtures.unique("Web Matinee");
		TestEvent event = new CatalogFixtures(db).event(name, city, Category.FAMILY, Instant.now().plus(20, ChronoUnit.DAYS));
		// The fixture is plain SQL: announce it the way an admin write does, so the real outbox → Kafka → index path
		// makes it searchable, and wait until it is.
		outbox.append("catalog.event-changed", Long.toString(event.id()), "EventCreated", Map.of("eventId", event.id(), "version", 1))
			.block(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> org.assertj.core.api.Assertions.assertThat(
				http.get().uri("/api/search?q={q}&city={city}", name, city).exchange().expectStatus().isOk()
					.expectBody(String.class).returnResult().getResponseBody()).contains("\"id\":" + event.id()));
		Page page = buyerA.newPage();
		page.navigate("/index.html");
		page.locator("#city").fill(city);
		page.locator("#city").press("Enter");
		page.locator("#q").fill(name.substring(0, name.length() - 3));
		Locator result = page.locator("#results a", new Page.LocatorOptions().setHasText(name));
		assertThat(result).hasCount(1);
		result.click();
		page.waitForURL("**/event.html?id=" + event.id());
		assertThat(page.locator("#event-name")).hasText(name);
		assertThat(page.locator("#seatmap")).hasAttribute("data-ready", "true");
		assertThat(page.locator("#seatmap circle.seat")).hasCount(event.seatIds().size());
	}

	@Test
	void measuresTheFirstPaintOfA20000SeatMap() {
		long eventId = arenaEvent(100, 200);
		Page page = buyerA.newPage();
		long started = System.nanoTime();
		page.navigate("/event.html?id=" + eventId);
		assertThat(page.locator("#seatmap")).hasAttribute("data-ready", "true", new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
		long wallMs = (System.nanoTime() - started) / 1_000_000;
		Object painted = page.evaluate("performance.getEntriesByName('seatmap-painted')[0].startTime");
		Object seats = page.locator("#seatmap").getAttribute("data-seats");
		Object timings = page.evaluate("[...document.querySelectorAll('#seatmap')].map(s => `layout fetch ${s.dataset.fetchMs} ms, `"
				+ " + `SVG built ${s.dataset.buildMs} ms, painted ${s.dataset.paintMs} ms after the layout request`)[0]");
		System.out.printf("[browser] first paint of a %s-seat map: %.0f ms after navigation start (%s; wall clock %d ms)%n",
				seats, ((Number) painted).doubleValue(), timings, wallMs);
		assertThat(Integer.parseInt((String) seats)).isEqualTo(20_000);
		page.locator(".seatmap-wrap").screenshot(new Locator.ScreenshotOptions().setPath(ARTIFACTS.resolve("seatmap-arena-20000.png")));
	}

	// ------------------------------------------------------------------

	String base() {
		return "http://127.0.0.1:" + port;
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

	private long id(String sql) {
		return db.sql(sql).map((row, meta) -> row.get("id", Long.class)).one().block();
	}
}
