package io.boxoffice.mail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.jobs.Jobs;
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

/** Booking mails end to end: the real API, Postgres, the job runner, and a real SMTP server (GreenMail) read back. */
@IntegrationTest
class MailIT {

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@Autowired
	Jobs jobs;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	TestEvent event;

	@BeforeEach
	void setUp() {
		event = new CatalogFixtures(db).event("Mail Night", CatalogFixtures.unique("Mailtown"), Category.CONCERT,
				Instant.now().plus(20, ChronoUnit.DAYS));
		FakeStripe.running().deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
	}

	@Test
	void aConfirmedBookingMailsTheSeatsAndTheTicketsLinkOnceAndACancellationMailsTheRefund() {
		String user = CatalogFixtures.unique("mail-ada");
		String address = user + "@example.com";
		String token = tokens.userWithEmail(user, address);
		double sentBefore = sent(BookingMails.CONFIRMED);
		double skippedBefore = count(BookingMails.CONFIRMED, "skipped");

		String bookingId = bookAndPay(token, event.frontSeatIds().subList(0, 2));

		MimeMessage confirmation = awaitMessages(address, 1).get(0);
		String text = LocalMail.text(confirmation);
		assertThat(subject(confirmation)).isEqualTo("Your tickets for Mail Night");
		assertThat(text).contains("Front, row A, seat 1", "Front, row A, seat 2", "90.00 GBP",
				"/tickets.html?booking=" + bookingId);
		assertThat(header(confirmation, "Message-ID")).isEqualTo("<booking-confirmed." + bookingId + "@boxoffice>");
		assertThat(sent(BookingMails.CONFIRMED)).isEqualTo(sentBefore + 1);
		assertThat(count(BookingMails.CONFIRMED, "skipped")).isEqualTo(skippedBefore);

		http.delete().uri("/api/bookings/{id}", bookingId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
			.exchange().expectStatus().isOk();
		MimeMessage cancellation = awaitMessages(address, 2).get(1);
		assertThat(subject(cancellation)).isEqualTo("Cancelled: your booking for Mail Night");
		assertThat(LocalMail.text(cancellation)).contains("refunding 90.00 GBP", "Front, row A, seat 2");
	}

	@Test
	void aMailJobThatRunsAgainDoesNotSendAgain() {
		String user = CatalogFixtures.unique("mail-bob");
		String address = user + "@example.com";
		String token = tokens.userWithEmail(user, address);
		String bookingId = bookAndPay(token, event.frontSeatIds().subList(2, 3));
		awaitMessages(address, 1);
		long doneBefore = doneJobs(BookingMails.CONFIRMED, bookingId);

		// The same change's job once more, as after a lost lease or a crash before the job was marked done.
		jobs.enqueue(BookingMails.CONFIRMED, new BookingMail(UUID.fromString(bookingId), user, event.id(),
				event.frontSeatIds().subList(2, 3), 4500, "GBP")).block();

		await().atMost(Duration.ofSeconds(20)).until(() -> doneJobs(BookingMails.CONFIRMED, bookingId) == doneBefore + 1);
		assertThat(LocalMail.running().messagesTo(address)).hasSize(1);
	}

	@Test
	void theAddressIsStoredEncryptedAndABuyerWithoutOneGetsNoMailButABooking() {
		String user = CatalogFixtures.unique("mail-cy");
		String address = user + "@example.com";
		bookAndPay(tokens.userWithEmail(user, address), event.frontSeatIds().subList(3, 4));
		awaitMessages(address, 1);

		byte[] stored = db.sql("SELECT address FROM mail_address WHERE user_id = :u").bind("u", user)
			.map((row, meta) -> row.get("address", byte[].class)).one().block();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(user).doesNotContain("example.com");

		String silent = CatalogFixtures.unique("mail-dee");
		double skippedBefore = count(BookingMails.CONFIRMED, "skipped");
		bookAndPay(tokens.user(silent), event.frontSeatIds().subList(4, 5));
		await().atMost(Duration.ofSeconds(20)).until(() -> count(BookingMails.CONFIRMED, "skipped") == skippedBefore + 1);
		assertThat(LocalMail.running().messagesTo(silent + "@example.com")).isEmpty();
	}

	private String bookAndPay(String token, List<Long> seats) {
		return new Buyers(http).bookAndPay(token, event.id(), seats);
	}

	static List<MimeMessage> awaitMessages(String address, int count) {
		await().atMost(Duration.ofSeconds(20)).until(() -> LocalMail.running().messagesTo(address).size() >= count);
		return LocalMail.running().messagesTo(address);
	}

	private long doneJobs(String kind, String bookingId) {
		return db.sql("SELECT count(*) AS n FROM job WHERE kind = :k AND status = 'DONE' AND payload->>'bookingId' = :b")
			.bind("k", kind).bind("b", bookingId)
			.map((row, meta) -> row.get("n", Long.class)).one().block();
	}

	private double sent(String kind) {
		return count(kind, "sent");
	}

	private double count(String kind, String outcome) {
		var counter = meters.find("boxoffice.mail").tags("kind", kind, "outcome", outcome).counter();
		return counter == null ? 0 : counter.count();
	}

	static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}

	private static String header(MimeMessage message, String name) {
		try {
			return message.getHeader(name, null);
		}
		catch (jakarta.mail.MessagingException e) {
			throw new IllegalStateException(e);
		}
	}
}
