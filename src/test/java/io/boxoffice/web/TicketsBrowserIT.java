package io.boxoffice.web;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.stripe.FakeStripe;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the purchase, in real Chromium: a buyer pays, opens the booking's tickets from "My bookings" and sees a QR
 * code that decodes to the ticket's code; the door's scanner page admits that code once and says "Already used" the
 * second time. Screenshots land in target/browser-artifacts/.
 */
class TicketsBrowserIT extends BrowserTestSupport {

	@Test
	void aBoughtTicketShowsItsQrCodeAndTheScannerPageAdmitsItOnce() throws Exception {
		FakeStripe.running().deliverWebhooksTo(URI.create(base() + "/api/payments/stripe/webhook"));
		TestEvent event = new CatalogFixtures(db).event(CatalogFixtures.unique("Web Tickets"), CatalogFixtures.unique("Scanville"),
				Category.CONCERT, Instant.now().plus(20, ChronoUnit.DAYS));

		// Buy one seat through the pages.
		Page buyer = openEvent(buyerA, event.id());
		signIn(buyer, user("web-t"));
		seat(buyer, event.frontSeatIds().get(0)).click();
		buyer.locator("#hold").click();
		buyer.locator("#checkout").click();
		buyer.locator("input[value=pm_card_visa]").check();
		buyer.locator("#pay").click();
		assertThat(buyer.locator("#confirmation")).isVisible();

		// My bookings → Tickets: the QR code is drawn and encodes the code printed under it.
		buyer.navigate("/my-bookings.html");
		buyer.locator("a.tickets-link").first().click();
		Locator ticket = buyer.locator("li.ticket");
		assertThat(ticket).hasCount(1);
		assertThat(ticket).hasAttribute("data-status", "VALID");
		assertThat(ticket.locator(".seat-label")).hasText(Pattern.compile("Front · Row A · Seat 1"));
		Locator qr = ticket.locator("img.qr");
		assertThat(qr).hasAttribute("src", Pattern.compile("^blob:"));
		buyer.waitForFunction("img => img.complete && img.naturalWidth > 0", qr.elementHandle());
		String code = ticket.getByTestId("ticket-code").textContent().trim();
		assertThat(code).matches("[A-Za-z0-9_-]{22}");
		assertThat(decode(qr.screenshot())).isEqualTo(code);
		buyer.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("tickets.png")).setFullPage(true));

		// At the door: the first scan admits, the second says already used and where it was first admitted.
		Page door = buyerB.newPage();
		door.navigate("/scanner.html?event=" + event.id());
		door.locator("#scanner-user").fill("north-gate");
		door.locator("#scanner-signin-form button[type=submit]").click();
		assertThat(door.getByTestId("scanner-user")).hasText("north-gate");
		door.locator("#gate").fill("North");
		door.locator("#code").fill(code);
		door.locator("#check").click();
		assertThat(door.locator("#verdict")).hasAttribute("data-result", "VALID");
		assertThat(door.getByTestId("verdict-result")).hasText("Admit");
		door.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("scanner-admit.png")));

		door.locator("#code").fill(code);
		door.locator("#check").click();
		assertThat(door.locator("#verdict")).hasAttribute("data-result", "ALREADY_USED");
		assertThat(door.locator("#verdict")).containsText("Already used");
		assertThat(door.locator("#verdict")).containsText("at North");
		door.screenshot(new Page.ScreenshotOptions().setPath(ARTIFACTS.resolve("scanner-already-used.png")));

		// The buyer's page now shows the ticket as used.
		buyer.reload();
		assertThat(buyer.locator("li.ticket")).hasAttribute("data-status", "USED");
	}

	private static String decode(byte[] png) throws Exception {
		BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
		int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
		var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
		return new QRCodeReader().decode(bitmap).getText();
	}
}
