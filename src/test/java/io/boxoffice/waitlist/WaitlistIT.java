package io.boxoffice.waitlist;

import io.boxoffice.support.MutableClock;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.Buyers;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;
import io.boxoffice.support.services.LocalMail;
import io.boxoffice.support.stripe.FakeStripe;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waitlists on the real services: a sold-out event, buyers in line, seats coming back through a real cancellation,
 * offers as Redis holds announced by mail (read back from GreenMail), an offer taken and one that lapses to the next.
 * An offer's window is the waitlist's own deadline, judged by the application's injected clock, which the test moves
 * forward instead of waiting for an offer to run out: the checker then ends the offer and releases its hold. The hold
 * itself lives by Redis's time (the hold scripts read {@code TIME}), which the clock does not move.
 */
@IntegrationTest
@Import(WaitlistIT.TestClock.class)
@TestPropertySource(properties = { "boxoffice.waitlist.offer-ttl=5m", "boxoffice.waitlist.check-interval=1s" })
class WaitlistIT {

	@TestConfiguration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}
	}

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	MutableClock clock;

	@Autowired
	WaitlistOffers offers;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	TestEvent event;
	Buyers buyers;
	CatalogFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new CatalogFixtures(db);
		event = fixtures.event("Sold Out Night", CatalogFixtures.unique("Waitville"), Category.CONCERT,
				Instant.now().plus(20, ChronoUnit.DAYS));
		buyers = new Buyers(http);
		FakeStripe.running().deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
	}

	@AfterEach
	void putTheClockBack() {
		clock.reset();
	}

	@Test
	void joiningIsRefusedWhileSeatsAreFreeOrForTooManySeatsAndAllowedOncePerBuyer() {
		String bea = buyer("bea");
		event.frontSeatIds().subList(0, 8).forEach(seat -> fixtures.sell(event, seat));
		join(bea, Map.of("seats", 1)).expectStatus().isEqualTo(409)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/not-sold-out").jsonPath("$.freeSeats").isEqualTo(2);

		buyers.bookAndPay(buyer("seller"), event.id(), event.frontSeatIds().subList(8, 10));
		join(bea, Map.of("seats", 11)).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/waitlist-too-many-seats");
		join(bea, Map.of("seats", 1, "sectionId", 999_999_999)).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/unknown-section");
		join(bea, Map.of("seats", 2)).expectStatus().isCreated().expectBody().jsonPath("$.position").isEqualTo(1);
		join(bea, Map.of("seats", 1)).expectStatus().isEqualTo(409)
			.expectBody().jsonPath("$.type").isEqualTo("/problems/already-on-waitlist");
		String cal = buyer("cal");
		join(cal, Map.of("seats", 1, "sectionId", event.frontSectionId())).expectStatus().isCreated()
			.expectBody().jsonPath("$.position").isEqualTo(2);

		http.delete().uri("/api/events/{id}/waitlist", event.id()).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(bea))
			.exchange().expectStatus().isNoContent();
		me(cal).expectStatus().isOk().expectBody().jsonPath("$.position").isEqualTo(1);
		me(bea).expectStatus().isNotFound().expectBody().jsonPath("$.type").isEqualTo("/problems/not-on-waitlist");
		http.get().uri("/api/events/{id}/waitlist/me", event.id()).exchange().expectStatus().isUnauthorized();
	}

	@Test
	void aCancellationOffersTheSeatsToTheFirstInLineByMailAndTheOfferIsTakenWithinItsWindow() {
		String ann = buyer("ann");
		String annsBooking = sellOut(ann);
		String bea = buyer("bea");
		String cal = buyer("cal");
		join(bea, Map.of("seats", 2)).expectStatus().isCreated();
		join(cal, Map.of("seats", 2)).expectStatus().isCreated();
		double conversionsBefore = counter("boxoffice.waitlist.offers.ended", "converted");

		buyers.cancel(ann, annsBooking);

		Map<String, Object> offer = awaitOffer(bea);
		assertThat((List<?>) offer.get("seatIds")).hasSize(2);
		me(cal).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("WAITING").jsonPath("$.position").isEqualTo(1);
		MimeMessage mail = awaitMail(email(bea));
		assertThat(subjectOf(mail)).isEqualTo("Seats for Sold Out Night are held for you");
		assertThat(LocalMail.text(mail)).contains("Front, row", "/event.html?id=" + event.id(), (String) offer.get("holdId"));

		buyers.bookAndPay(bea, (String) offer.get("holdId"));

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			offers.check(event.id()).block();
			me(bea).expectStatus().isNotFound();
		});
		assertThat(counter("boxoffice.waitlist.offers.ended", "converted")).isEqualTo(conversionsBefore + 1);
		assertThat(status(bea)).isEqualTo("CONVERTED");
	}

	@Test
	void anOfferNotTakenInItsWindowPassesToTheNextInLine() {
		String ann = buyer("ann");
		String annsBooking = sellOut(ann);
		String bea = buyer("bea");
		String cal = buyer("cal");
		join(bea, Map.of("seats", 2)).expectStatus().isCreated();
		join(cal, Map.of("seats", 2)).expectStatus().isCreated();
		buyers.cancel(ann, annsBooking);
		Map<String, Object> beasOffer = awaitOffer(bea);

		clock.advance(Duration.ofMinutes(6));

		Map<String, Object> calsOffer = awaitOffer(cal);
		// Checked again at once, the new offer stays open: its deadline is on the clock the check reads, which is now
		// ahead of Redis's (an offer that took the hold's Redis-time expiry lapsed here).
		offers.check(event.id()).block();
		me(cal).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OFFERED");
		assertThat(calsOffer.get("seatIds")).isEqualTo(beasOffer.get("seatIds"));
		assertThat(calsOffer.get("holdId")).isNotEqualTo(beasOffer.get("holdId"));
		assertThat(status(bea)).isEqualTo("EXPIRED");
		me(bea).expectStatus().isNotFound();
		awaitMail(email(cal));
		assertThat(LocalMail.running().messagesTo(email(bea))).hasSize(1); // bea's offer mail, and nothing about cal's
	}

	/** Eight seats sold by fixture, the last two bought by {@code owner}; answers that booking. */
	private String sellOut(String owner) {
		event.frontSeatIds().subList(0, 8).forEach(seat -> fixtures.sell(event, seat));
		return buyers.bookAndPay(owner, event.id(), event.frontSeatIds().subList(8, 10));
	}

	private String buyer(String name) {
		String user = CatalogFixtures.unique(name);
		return tokens.userWithEmail(user, user + "@example.com");
	}

	private Map<String, Object> awaitOffer(String token) {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			offers.check(event.id()).block();
			me(token).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("OFFERED");
		});
		@SuppressWarnings("unchecked")
		var offer = (Map<String, Object>) me(token).expectBody(Buyers.JSON).returnResult().getResponseBody().get("offer");
		assertThat(offer).containsKeys("holdId", "seatIds", "expiresAt");
		return offer;
	}

	private WebTestClient.ResponseSpec join(String token, Map<String, Object> body) {
		return http.post().uri("/api/events/{id}/waitlist", event.id())
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private WebTestClient.ResponseSpec me(String token) {
		return http.get().uri("/api/events/{id}/waitlist/me", event.id()).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
	}

	private String status(String token) {
		String user = subject(token);
		return db.sql("SELECT status FROM waitlist_entry WHERE event_id = :e AND user_id = :u ORDER BY id DESC LIMIT 1")
			.bind("e", event.id()).bind("u", user).map((row, meta) -> row.get("status", String.class)).one().block();
	}

	private String email(String token) {
		return subject(token) + "@example.com";
	}

	private static String subject(String token) {
		String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
		return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
	}

	private static MimeMessage awaitMail(String address) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !LocalMail.running().messagesTo(address).isEmpty());
		return LocalMail.running().messagesTo(address).get(0);
	}

	private static String subjectOf(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private double counter(String name, String outcome) {
		var counter = meters.find(name).tag("outcome", outcome).counter();
		return counter == null ? 0 : counter.count();
	}
}
