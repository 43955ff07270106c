package io.boxoffice.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.TestTokens;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The waiting room in Chromium: with room for one buyer, the first is admitted and taken to the seat map, the second
 * waits (and keeps the place through a reload); once the pace allows, the second is admitted too and holds seats
 * with the admission token the page claimed.
 */
class WaitingRoomBrowserIT extends BrowserTestSupport {

	@Test
	void oneBuyerIsAdmittedTheOtherWaitsThenIsAdmittedAndHolds() {
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Surge Night"), CatalogFixtures.unique("Surgeville"),
				Category.CONCERT, Instant.now().plus(20, ChronoUnit.DAYS));
		pace(event.id(), 0.0001, 1); // one admission, then (practically) none

		Page a = buyerA.newPage();
		a.navigate("/event.html?id=" + event.id());
		a.waitForURL(Pattern.compile(".*/queue\\.html\\?id=" + event.id())); // a queued sale starts in the waiting room
		signIn(a, user("room-a"));
		a.waitForURL(Pattern.compile(".*/event\\.html\\?id=" + event.id()));
		assertThat(a.locator("#seatmap")).hasAttribute("data-ready", "true");

		Page b = buyerB.newPage();
		b.navigate("/queue.html?id=" + event.id());
		signIn(b, user("room-b"));
		assertThat(b.getByTestId("queue-position")).hasText("1");
		assertThat(b.getByTestId("queue-state")).hasText("Waiting");
		b.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("waiting-room-waiting.png")));
		b.reload();
		assertThat(b.getByTestId("queue-position")).hasText("1"); // the same place after a reload

		pace(event.id(), 2, 1);
		b.waitForURL(Pattern.compile(".*/event\\.html\\?id=" + event.id()), new Page.WaitForURLOptions().setTimeout(20_000));
		assertThat(b.locator("#seatmap")).hasAttribute("data-ready", "true");
		seat(b, event.frontSeatIds().get(0)).click();
		b.locator("#hold").click();
		assertThat(b.locator("#countdown")).hasText(Pattern.compile("\\d+:\\d\\d"));
		assertThat(seat(b, event.frontSeatIds().get(0))).hasClass(Pattern.compile("\\bmine\\b"));
		b.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("waiting-room-admitted-hold.png")));
	}

	private void pace(long eventId, double admitsPerSecond, int burst) {
		http.put().uri("/api/admin/events/{id}/queue", eventId).header("Authorization", TestTokens.bearer(tokens.admin("room-admin")))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("mode", "ON", "admitsPerSecond", admitsPerSecond, "burst", burst))
			.exchange().expectStatus().isOk();
	}
}
