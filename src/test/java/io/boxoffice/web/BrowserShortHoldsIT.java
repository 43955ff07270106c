package io.boxoffice.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser tests that need settings of their own (one more cached context): holds that last {@value #TTL_SECONDS} s,
 * so one really expires in the test (Redis key expiry and the sweeper end it, the change stream and the WebSocket
 * carry it to the other buyer), and a per-user hold rate of two requests a minute, so a 429 is certain.
 */
@TestPropertySource(properties = { "boxoffice.holds.ttl=" + BrowserShortHoldsIT.TTL_SECONDS + "s",
		"boxoffice.rate-limits.routes.holds.per-user=2", "boxoffice.rate-limits.routes.holds.period=1m" })
class BrowserShortHoldsIT extends BrowserTestSupport {

	static final int TTL_SECONDS = 5;

	@Test
	void aHoldThatExpiresTellsItsBuyerAndTurnsFreeInTheOtherBuyersMap() {
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Hourglass"), CatalogFixtures.unique("Expiry"),
				Category.CONCERT, Instant.now().plus(20, ChronoUnit.DAYS));
		long first = event.frontSeatIds().get(0);
		long second = event.frontSeatIds().get(1);
		Page a = openEvent(buyerA, event.id());
		Page b = openEvent(buyerB, event.id());
		signIn(a, user("web-x"));
		List<String> releases = new CopyOnWriteArrayList<>();
		a.onRequest(request -> {
			if ("DELETE".equals(request.method())) releases.add(request.url());
		});

		seat(a, first).click();
		seat(a, second).click();
		a.locator("#hold").click();
		assertThat(seat(b, first)).hasAttribute("data-status", "held", WITHIN_1S);
		assertThat(seat(b, second)).hasAttribute("data-status", "held", WITHIN_1S);
		// A's countdown runs down to its last seconds, shown as urgent; the seats are still held for B then.
		Locator countdown = a.locator("#countdown");
		assertThat(countdown).hasText(Pattern.compile("0:0[1-2]"));
		assertThat(countdown).hasClass(Pattern.compile("\\blow\\b"));
		assertThat(seat(b, first)).hasAttribute("data-status", "held");

		// At zero A is told, plainly, and is back to choosing; nobody released anything.
		assertThat(a.locator("#status")).hasText("Your hold expired and the seats were released. Choose again.",
				new LocatorAssertions.HasTextOptions().setTimeout((TTL_SECONDS + 3) * 1_000.0));
		assertThat(a.locator("#status")).hasAttribute("data-kind", "error");
		assertThat(a.locator("#countdown")).hasCount(0);
		assertThat(a.locator("#hold")).isVisible();
		assertThat(seat(a, first)).not().hasClass(Pattern.compile("\\bmine\\b"));
		a.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("hold-expired.png")).setFullPage(true));

		// The server's expiry (Redis key expiry / the sweeper's expire script) reaches B through the change stream.
		LocatorAssertions.HasAttributeOptions soon = new LocatorAssertions.HasAttributeOptions().setTimeout(3_000);
		assertThat(seat(b, first)).hasAttribute("data-status", "free", soon);
		assertThat(seat(b, second)).hasAttribute("data-status", "free", soon);
		assertThat(seat(a, first)).hasAttribute("data-status", "free", soon);
		assertThat(releases).isEmpty();
	}

	@Test
	void tooManyHoldRequestsAreExplainedWithTheWait() {
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Hurry"), CatalogFixtures.unique("Ratelimit"),
				Category.SPORTS, Instant.now().plus(20, ChronoUnit.DAYS));
		long seat = event.frontSeatIds().get(3);
		Page a = openEvent(buyerA, event.id());
		signIn(a, user("web-429"));
		seat(a, seat).click();
		a.locator("#hold").click();               // request 1 of 2 this minute
		assertThat(a.locator("#release")).isVisible();
		assertThat(seat(a, seat)).hasAttribute("data-status", "held"); // the live map has our hold
		a.locator("#release").click();            // request 2
		assertThat(a.locator("#status")).containsText("released");
		// The map shows the seat free once the live update arrives (a moment after the release's answer); a click
		// before that is refused as "held", as it would be for a buyer.
		assertThat(seat(a, seat)).hasAttribute("data-status", "free");
		seat(a, seat).click();
		a.locator("#hold").click();               // request 3: 429
		assertThat(a.locator("#status")).hasText(Pattern.compile("^Too many requests in a short time\\. Please wait \\d+ s, then try again\\.$"));
		assertThat(a.locator("#status")).hasAttribute("data-kind", "error");
		assertThat(seat(a, seat)).hasClass(Pattern.compile("\\bselected\\b")); // the choice is kept for the retry
		assertThat(a.locator("#hold")).hasText(Pattern.compile("Try again in \\d+ s"));
		assertThat(a.locator("#hold")).isDisabled();
		a.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("rate-limited.png")).setFullPage(true));
	}
}
