package io.boxoffice.web;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.Buyers;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.services.LocalMail;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waitlist in Chromium: on a sold-out event a buyer joins from the event page, another buyer cancels, the offer
 * mail arrives (read from the SMTP server), and the buyer takes the offer from the page within its window.
 */
class WaitlistBrowserIT extends BrowserTestSupport {

	@Test
	void soldOutJoinAnotherBuyerCancelsOfferMailedAndTakenFromThePage() {
		var fixtures = new CatalogFixtures(db);
		TestEvent event = fixtures.event("Waitlist Night", CatalogFixtures.unique("Waitlistville"), Category.CONCERT,
				Instant.now().plus(20, ChronoUnit.DAYS));
		event.frontSeatIds().subList(0, 8).forEach(seat -> fixtures.sell(event, seat));
		var buyers = new Buyers(http);
		String ann = tokens.userWithEmail(user("ann"), "ann@example.com");
		String annsBooking = buyers.bookAndPay(ann, event.id(), event.frontSeatIds().subList(8, 10));

		String bea = user("bea");
		String address = bea + "@example.com";
		Page page = openEvent(buyerA, event.id());
		signInWithEmail(page, bea, address);
		page.locator("#waitlist-seats").fill("2");
		page.locator("#waitlist-join").click();
		assertThat(page.locator("#waitlist-place")).containsText("number 1 in line");

		buyers.cancel(ann, annsBooking);

		await().atMost(Duration.ofSeconds(40)).until(() -> !LocalMail.running().messagesTo(address).isEmpty());
		page.reload();
		assertThat(page.locator("#waitlist-offer")).containsText("2 seat(s) are held for you");
		page.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("waitlist-offer.png")));
		page.locator("#waitlist-take").click();
		page.waitForURL(Pattern.compile(".*event\\.html\\?id=" + event.id() + "&booking=.*"));
		assertThat(page.locator("#basket .selection li")).hasCount(2);
		page.locator("#pay").click();
		assertThat(page.locator("#confirmation")).isVisible();
	}

	/** The page's demo sign-in issues tokens without an address; an identity provider's carry one, as this does. */
	private void signInWithEmail(Page page, String user, String address) {
		String token = tokens.userWithEmail(user, address);
		page.evaluate("([token, user]) => sessionStorage.setItem('boxoffice.token', JSON.stringify({ token, user, "
				+ "expiresAt: new Date(Date.now() + 600000).toISOString() }))", List.of(token, user));
		page.reload();
		assertThat(page.locator("#seatmap")).hasAttribute("data-ready", "true");
		assertThat(page.locator("#waitlist-join")).isVisible();
	}
}
