package io.boxoffice.web;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import org.junit.jupiter.api.Test;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.stripe.FakeStripe;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a buyer sees on the pages (docs/pages.md): search cards with venue and price and a "Show more" that reaches the
 * end, a seat map that stays put under the first click and zooms to a section on a tap, 3-D Secure that can be finished
 * or abandoned, and "My bookings" naming event, venue and seats with pay and release. Screenshots for review go to
 * target/screenshots.
 */
class BuyerPagesBrowserIT extends BrowserTestSupport {

	static final Path SCREENSHOTS = Paths.get("target", "screenshots");

	@Test
	void searchCardsShowVenueAndPriceAndShowMoreReachesTheLastEvent() {
		String city = CatalogFixtures.unique("Pageton");
		List<TestEvent> events = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			events.add(new CatalogFixtures(db).event(CatalogFixtures.unique("Pagination Night"), city, Category.CONCERT,
					Instant.now().plus(20, ChronoUnit.DAYS).plus(i, ChronoUnit.HOURS)));
		}
		Page page = buyerA.newPage();

		// The plain list (no words): it has no total, so it claims none until it has shown everything.
		page.navigate("/index.html?city=" + city);
		assertThat(page.locator("#results > li")).hasCount(24);
		assertThat(page.locator("#summary")).hasText("Showing the first 24 events.");
		Locator first = page.locator("#results > li").first();
		assertThat(first.locator(".venue")).containsText("Test Hall");
		assertThat(first.locator(".venue")).containsText(city);
		assertThat(first.locator(".price")).hasText("From £45.00");
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show more events")).click();
		assertThat(page.locator("#results > li")).hasCount(30);
		assertThat(page.locator("#summary")).hasText("30 events.");
		assertThat(page.locator("#more")).isHidden();
		assertThat(distinctLinks(page)).hasSize(30);

		// The search (words): its total is the count, and "Show more" follows its cursor to the end.
		events.forEach(event -> outbox.append("catalog.event-changed", Long.toString(event.id()), "EventCreated",
				Map.of("eventId", event.id(), "version", 1)).block(Duration.ofSeconds(10)));
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http.get().uri("/api/search?city={city}&size=1", city)
			.exchange().expectBody(Map.class).returnResult().getResponseBody().get("total")).isEqualTo(30));
		page.navigate("/index.html?q=Pagination&city=" + city);
		assertThat(page.locator("#summary")).hasText("30 events, showing 24.");
		assertThat(page.locator("#results > li .venue")).hasCount(24);
		assertThat(page.locator("#results > li").last().locator(".price")).hasText("From £45.00");
		page.locator("#more").click();
		assertThat(page.locator("#results > li")).hasCount(30);
		assertThat(page.locator("#summary")).hasText("30 events.");
		assertThat(page.locator("#more")).isHidden();
		assertThat(distinctLinks(page)).hasSize(30);
	}

	@Test
	void theFirstClickDoesNotMoveTheMapSoTheSecondLandsOnTheSeatItWasAimedAt() {
		long arena = arenaEvent(20, 50);
		List<Long> seats = seatIdsOf(arena);
		Page page = openEvent(buyerA, arena); // not signed in: nothing has been said yet, so the first click's message is the first
		assertThat(page.locator("#seatmap text.section-label")).hasText(new String[] { "Block 1", "Block 2" });

		long firstSeat = seats.get(4);
		long secondSeat = seats.get(50 + 6); // the row behind, a little to the right
		BoundingBox mapBefore = page.locator("#seatmap").boundingBox();
		BoundingBox aim = seat(page, secondSeat).boundingBox();
		seat(page, firstSeat).click();
		assertThat(seat(page, firstSeat)).hasClass(Pattern.compile("\\bselected\\b"));
		assertThat(page.locator("#status")).containsText("1 selected");
		assertThat(page.locator("#basket .selection li")).hasCount(1);

		BoundingBox mapAfter = page.locator("#seatmap").boundingBox();
		assertThat(new double[] { mapAfter.x, mapAfter.y, mapAfter.width, mapAfter.height })
			.as("the map's box after the first click").containsExactly(new double[] { mapBefore.x, mapBefore.y, mapBefore.width, mapBefore.height },
					org.assertj.core.data.Offset.offset(0.5));
		page.mouse().click(aim.x + aim.width / 2, aim.y + aim.height / 2); // where the buyer aimed before the first click
		assertThat(seat(page, secondSeat)).hasClass(Pattern.compile("\\bselected\\b"));
		assertThat(page.locator("#basket .selection li")).hasCount(2);
	}

	@Test
	void heldAndSoldSeatsDifferInShapeNotOnlyInColour() {
		long arena = arenaEvent(10, 20);
		List<Long> seats = seatIdsOf(arena);
		holdThroughTheApi(user("web-other"), arena, List.of(seats.get(0)));
		stripeWithWebhooks();
		confirmedBookingThroughTheApi(user("web-sold"), arena, List.of(seats.get(1)));
		Page page = openEvent(buyerA, arena);
		assertThat(seat(page, seats.get(0))).hasAttribute("data-status", "held", WITHIN_15S);
		assertThat(seat(page, seats.get(1))).hasAttribute("data-status", "sold", WITHIN_15S);
		Map<?, ?> look = (Map<?, ?>) page.evaluate("ids => Object.fromEntries(ids.map(id => {"
				+ " const c = document.querySelector(`circle[data-seat=\"${id}\"]`); const s = getComputedStyle(c);"
				+ " return [c.dataset.status, { width: c.getBBox().width, fill: s.fill, stroke: s.stroke }]; }))",
				List.of(seats.get(0).intValue(), seats.get(1).intValue(), seats.get(2).intValue()));
		Map<?, ?> free = (Map<?, ?>) look.get("free"), held = (Map<?, ?>) look.get("held"), sold = (Map<?, ?>) look.get("sold");
		assertThat(held.get("fill")).as("a held seat is a hollow ring").isEqualTo("rgb(255, 255, 255)");
		assertThat(held.get("stroke")).isNotEqualTo("none");
		assertThat(((Number) sold.get("width")).doubleValue()).as("a sold seat is a small dot")
			.isLessThan(((Number) free.get("width")).doubleValue() / 2);
		assertThat(page.locator("#legend li")).containsText(new String[] { "£90.00", "Held", "Sold" });
	}

	@Test
	void onAPhoneATapZoomsToTheSectionAndTheNextTapPicksTheSeat() {
		long arena = arenaEvent(20, 50);
		long target = seatIdsOf(arena).get(10 * 50 + 20); // Block 2, row R11, seat 21
		BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setBaseURL(base()).setViewportSize(390, 844)
			.setHasTouch(true).setIsMobile(true));
		try {
			Page page = phone.newPage();
			page.navigate("/event.html?id=" + arena);
			assertThat(page.locator("#seatmap")).hasAttribute("data-ready", "true");
			assertThat(page.locator("#map-help-touch")).isVisible();
			assertThat(page.locator("#map-help-touch")).containsText("Tap a section");
			assertThat(page.locator("#map-help")).isHidden();
			assertThat(seat(page, target).boundingBox().width).as("a seat of the whole arena at 390 px").isLessThan(24);

			seat(page, target).tap();
			assertThat(page.locator("#seatmap")).hasAttribute("data-zoomed-section", Pattern.compile("\\d+"));
			assertThat(page.locator("#status")).containsText("Block 2");
			assertThat(seat(page, target)).not().hasClass(Pattern.compile("\\bselected\\b"));
			assertThat(seat(page, target).boundingBox().width).as("the seat after zooming to its section").isGreaterThanOrEqualTo(24);

			seat(page, target).tap();
			assertThat(seat(page, target)).hasClass(Pattern.compile("\\bselected\\b"));
			assertThat(page.locator("#basket .selection")).containsText("Block 2 · row R11 · seat 21");
			assertThat(page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")).isEqualTo(true);
			BoundingBox fit = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show the whole venue")).boundingBox();
			assertThat(fit.height).as("the zoom buttons are finger-sized").isGreaterThanOrEqualTo(44);
		}
		finally {
			phone.close();
		}
	}

	@Test
	void threeDSecureCompletesOnceTheBankSaysYes() {
		FakeStripe stripe = stripeWithWebhooks();
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Secure"), CatalogFixtures.unique("Authby"),
				Category.COMEDY, Instant.now().plus(20, ChronoUnit.DAYS));
		Page a = payWithThreeDSecure(event, event.frontSeatIds().get(1));
		shot(a, "checkout-3ds", 1280);
		stripe.authenticate(latestIntentAwaitingAuthentication(stripe), true); // what the buyer's bank does
		a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I have confirmed it — check now")).click();
		assertThat(a.locator("#confirmation")).isVisible();
		assertThat(a.locator("#confirmation")).containsText("Front · row A · seat 2");
	}

	@Test
	void cancellingThreeDSecureReleasesTheSeatsForOthers() {
		stripeWithWebhooks();
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Secure"), CatalogFixtures.unique("Cancelton"),
				Category.COMEDY, Instant.now().plus(20, ChronoUnit.DAYS));
		long chosen = event.frontSeatIds().get(2);
		Page a = payWithThreeDSecure(event, chosen);
		Page b = openEvent(buyerB, event.id());
		assertThat(seat(b, chosen)).hasAttribute("data-status", "held", WITHIN_15S);

		a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel and release seats")).click();
		assertThat(a.locator("#status")).containsText("seats were released");
		assertThat(a.locator("#hold")).isVisible();
		assertThat(seat(a, chosen)).not().hasClass(Pattern.compile("\\bmine\\b"));
		assertThat(seat(b, chosen)).hasAttribute("data-status", "free", WITHIN_15S);
	}

	@Test
	void aFailedAuthenticationSaysWhyAndOffersTheCardsAgain() {
		FakeStripe stripe = stripeWithWebhooks();
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Secure"), CatalogFixtures.unique("Failham"),
				Category.COMEDY, Instant.now().plus(20, ChronoUnit.DAYS));
		Page a = payWithThreeDSecure(event, event.frontSeatIds().get(3));
		stripe.authenticate(latestIntentAwaitingAuthentication(stripe), false);
		String bookingId = (String) a.evaluate("JSON.parse(sessionStorage.getItem('boxoffice.cart." + event.id() + "')).booking.bookingId");
		String buyer = a.getByTestId("signed-in-user").textContent();
		// The booking says why its last attempt failed (docs/api.md, "Booking"), and the page shows it.
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> http.get().uri("/api/bookings/{id}", bookingId)
			.header("Authorization", TestTokens.bearer(tokens.user(buyer))).exchange().expectBody(Map.class).returnResult()
			.getResponseBody().get("paymentError") != null);
		assertThat(a.locator("#pay-error")).containsText("Authentication failed");
		assertThat(a.locator("#pay")).isVisible();
	}

	@Test
	void myBookingsNamesEventVenueAndSeatsAndPaysOrReleasesAPendingOne() {
		stripeWithWebhooks();
		String name = CatalogFixtures.unique("Web Pending");
		TestEvent event = new CatalogFixtures(db).event(name, CatalogFixtures.unique("Pendleton"), Category.THEATRE,
				Instant.now().plus(20, ChronoUnit.DAYS));
		String buyer = user("web-pend");
		String toPay = pendingBookingThroughTheApi(buyer, event.id(), event.frontSeatIds().subList(0, 2));
		String toRelease = pendingBookingThroughTheApi(buyer, event.id(), event.frontSeatIds().subList(5, 6));

		Page a = buyerA.newPage();
		a.navigate("/my-bookings.html");
		signIn(a, buyer);
		Locator paying = a.locator("li[data-booking=\"" + toPay + "\"]");
		assertThat(paying.locator("h2 a")).hasText(name);
		assertThat(paying.locator(".badge")).hasText("PENDING");
		assertThat(paying.locator(".venue")).containsText("Test Hall");
		assertThat(paying.locator("time")).not().isEmpty();
		assertThat(paying.getByRole(AriaRole.LIST, new Locator.GetByRoleOptions().setName("Seats")).getByRole(AriaRole.LISTITEM))
			.hasText(new String[] { "Front, row A, seat 1", "Front, row A, seat 2" });
		Locator releasing = a.locator("li[data-booking=\"" + toRelease + "\"]");
		assertThat(releasing).containsText("Front, row B, seat 1");

		a.onDialog(dialog -> dialog.accept());
		releasing.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Release seats")).click();
		assertThat(a.locator("#status")).containsText("Booking released");
		assertThat(releasing.locator(".badge")).hasText("RELEASED");
		assertThat(releasing.getByRole(AriaRole.BUTTON)).hasCount(0);

		paying.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Pay "))).click();
		a.waitForURL(Pattern.compile(".*event\\.html\\?id=" + event.id() + "&booking=.*"));
		assertThat(a.locator("#basket .selection li")).hasCount(2);
		a.locator("#pay").click();
		assertThat(a.locator("#confirmation")).isVisible();
		a.navigate("/my-bookings.html");
		assertThat(a.locator("li[data-booking=\"" + toPay + "\"] .badge")).hasText("CONFIRMED");
	}

	@Test
	void screenshotsForReview() {
		FakeStripe stripe = stripeWithWebhooks();
		String city = CatalogFixtures.unique("Shotsby");
		for (int i = 0; i < 3; i++) {
			searchable(new CatalogFixtures(db).event(CatalogFixtures.unique("Review Gala"), city, Category.values()[i],
					Instant.now().plus(20 + i, ChronoUnit.DAYS)), city);
		}
		long arena = arenaEvent(40, 60);
		List<Long> seats = seatIdsOf(arena);
		holdThroughTheApi(user("web-shot-other"), arena, seats.subList(130, 134));
		confirmedBookingThroughTheApi(user("web-shot-sold"), arena, seats.subList(1300, 1306));
		assertThat(stripe).isNotNull();
		for (int width : new int[] { 1280, 390 }) {
			BrowserContext context = browser.newContext(new Browser.NewContextOptions().setBaseURL(base())
				.setViewportSize(width, width == 390 ? 844 : 900).setHasTouch(width == 390).setIsMobile(width == 390));
			try {
				Page page = context.newPage();
				page.navigate("/index.html");
				assertThat(page.locator("#summary")).not().isEmpty();
				shot(page, "home", width);
				page.navigate("/index.html?q=Review&city=" + city);
				assertThat(page.locator("#summary")).hasText("3 events.");
				shot(page, "search", width);
				page.navigate("/event.html?id=" + arena);
				assertThat(page.locator("#seatmap")).hasAttribute("data-ready", "true");
				assertThat(seat(page, seats.get(1300))).hasAttribute("data-status", "sold", WITHIN_15S);
				signIn(page, user("web-shot"));
				shot(page, "seatmap-arena", width);
				int first = width == 390 ? 245 : 125; // another row for each width: the first one's seats are booked
				if (width == 390) seat(page, seats.get(first)).tap(); // zoom to the section first
				seat(page, seats.get(first)).click();
				seat(page, seats.get(first + 1)).click();
				page.locator("#hold").click();
				page.locator("#checkout").click();
				assertThat(page.locator("#pay-form")).isVisible();
				shot(page, "checkout", width);
				page.navigate("/my-bookings.html");
				assertThat(page.locator("#bookings > li .badge")).hasText("PENDING");
				shot(page, "my-bookings", width);
			}
			finally {
				context.close();
			}
		}
	}

	// ------------------------------------------------------------------

	/** Buyer A chooses one seat, holds it, books and pays with the card that needs 3-D Secure. */
	private Page payWithThreeDSecure(TestEvent event, long seatId) {
		Page a = openEvent(buyerA, event.id());
		signIn(a, user("web-3ds"));
		seat(a, seatId).click();
		a.locator("#hold").click();
		a.locator("#checkout").click();
		a.locator("input[value=pm_card_threeDSecure2Required]").check();
		a.locator("#pay").click();
		assertThat(a.locator("#authenticate")).isVisible();
		assertThat(a.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel and release seats"))).isVisible();
		return a;
	}

	private static String latestIntentAwaitingAuthentication(FakeStripe stripe) {
		return stripe.paymentIntents().stream().filter(pi -> "requires_action".equals(pi.status()))
			.map(FakeStripe.PaymentIntentSnapshot::id).reduce((first, last) -> last).orElseThrow();
	}

	private static HashSet<Object> distinctLinks(Page page) {
		return new HashSet<>((List<?>) page.evaluate("[...document.querySelectorAll('#results a')].map(a => a.getAttribute('href'))"));
	}

	private static void shot(Page page, String name, int width) {
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-" + width + ".png")).setFullPage(true));
	}
}
