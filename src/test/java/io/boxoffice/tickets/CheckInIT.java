package io.boxoffice.tickets;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.edge.internal.SecuritySettings;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.stripe.FakeStripe;

import static org.assertj.core.api.Assertions.assertThat;

/** The door: each answer a scan can get, who may scan, and one admission however many gates scan at once. */
@IntegrationTest
class CheckInIT {

	@Autowired
	WebTestClient http;

	@Autowired
	DatabaseClient db;

	@Autowired
	SecuritySettings security;

	@Autowired
	Clock clock;

	@LocalServerPort
	int port;

	Buyers buyers;
	TestEvent event;
	String scanner;

	@BeforeEach
	void setUp() {
		buyers = new Buyers(http, security, clock);
		event = new CatalogFixtures(db).event(CatalogFixtures.unique("Door"), CatalogFixtures.unique("Gatesby"),
				Category.CONCERT, Instant.now().plus(20, ChronoUnit.DAYS));
		FakeStripe.running().deliverWebhooksTo(URI.create("http://127.0.0.1:" + port + "/api/payments/stripe/webhook"));
		scanner = buyers.bearer("gate-crew", "SCANNER");
	}

	private String secretOfANewTicket(String user) {
		String bookingId = buyers.buy(user, event.id(), event.frontSeatIds().subList(0, 1));
		return (String) buyers.ticketsOf(user, bookingId).get(0).get("secret");
	}

	@Test
	void theFirstScanAdmitsAndTheSecondSaysWhenAndWhere() {
		String secret = secretOfANewTicket("door-ada");

		buyers.scan(scanner, event.id(), secret, "North").expectStatus().isOk()
			.expectBody()
			.jsonPath("$.result").isEqualTo("VALID")
			.jsonPath("$.seat.section").isEqualTo("Front")
			.jsonPath("$.seat.row").isEqualTo("A")
			.jsonPath("$.firstGate").isEqualTo("North")
			.jsonPath("$.firstCheckedInAt").isNotEmpty();
		buyers.scan(scanner, event.id(), secret, "South").expectStatus().isOk()
			.expectBody()
			.jsonPath("$.result").isEqualTo("ALREADY_USED")
			.jsonPath("$.firstGate").isEqualTo("North")
			.jsonPath("$.firstCheckedInAt").isNotEmpty();
	}

	@Test
	void aTicketForAnotherEventOrAnUnknownCodeIsRefused() {
		String secret = secretOfANewTicket("door-other");
		TestEvent other = new CatalogFixtures(db).event(CatalogFixtures.unique("Elsewhere"), CatalogFixtures.unique("Othertown"),
				Category.CONCERT, Instant.now().plus(21, ChronoUnit.DAYS));

		buyers.scan(scanner, other.id(), secret, null).expectStatus().isOk()
			.expectBody().jsonPath("$.result").isEqualTo("OTHER_EVENT").jsonPath("$.eventId").isEqualTo((int) event.id());
		buyers.scan(scanner, event.id(), "AAAAAAAAAAAAAAAAAAAAAA", null).expectStatus().isOk()
			.expectBody().jsonPath("$.result").isEqualTo("UNKNOWN").jsonPath("$.seat").doesNotExist();
		buyers.scan(scanner, event.id(), "not a ticket at all", null).expectStatus().isOk()
			.expectBody().jsonPath("$.result").isEqualTo("UNKNOWN");
		// The refused scans used nothing up: the right event still admits it.
		buyers.scan(scanner, event.id(), secret, null).expectStatus().isOk().expectBody().jsonPath("$.result").isEqualTo("VALID");
	}

	@Test
	void onlyAScannerOfThisEventMayScan() {
		String secret = secretOfANewTicket("door-roles");

		buyers.scan(null, event.id(), secret, null).expectStatus().isUnauthorized()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
		buyers.scan(buyers.bearer("door-roles"), event.id(), secret, null).expectStatus().isForbidden()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
		buyers.scan(buyers.bearer("admin", "ADMIN"), event.id(), secret, null).expectStatus().isForbidden();
		buyers.scan(buyers.bearer("other-crew", "SCANNER:" + (event.id() + 1)), event.id(), secret, null).expectStatus().isForbidden();
		buyers.scan(buyers.bearer("this-crew", "SCANNER:" + event.id()), event.id(), secret, null).expectStatus().isOk()
			.expectBody().jsonPath("$.result").isEqualTo("VALID");
	}

	@Test
	void aBlankCodeIsAValidationProblem() {
		buyers.scan(scanner, event.id(), " ", null).expectStatus().isBadRequest()
			.expectBody().jsonPath("$.type").isEqualTo("/problems/validation-failed");
	}

	/**
	 * Exactly once: 24 scans of one ticket from two gates at once admit it once. Without the
	 * {@code checked_in_at IS NULL} condition every UPDATE matches and every scan answers VALID.
	 */
	@Test
	void concurrentScansAtTwoGatesAdmitExactlyOnce() {
		String secret = secretOfANewTicket("door-race");
		WebClient client = WebClient.create("http://127.0.0.1:" + port);

		List<Map<String, Object>> answers = Flux.range(0, 24)
			.flatMap(i -> client.post().uri("/api/events/{id}/check-ins", event.id())
				.header(HttpHeaders.AUTHORIZATION, scanner)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("secret", secret, "gate", i % 2 == 0 ? "North" : "South"))
				.retrieve()
				.bodyToMono(Buyers.JSON), 24)
			.collectList()
			.block();

		assertThat(answers).hasSize(24);
		assertThat(answers).filteredOn(a -> "VALID".equals(a.get("result"))).hasSize(1);
		assertThat(answers).filteredOn(a -> "ALREADY_USED".equals(a.get("result"))).hasSize(23);
		Object gate = answers.stream().filter(a -> "VALID".equals(a.get("result"))).findFirst().orElseThrow().get("firstGate");
		assertThat(answers).allSatisfy(a -> assertThat(a.get("firstGate")).isEqualTo(gate));
		long admitted = db.sql("SELECT count(*) AS n FROM admission_ticket WHERE secret = :s AND checked_in_at IS NOT NULL")
			.bind("s", secret).map((row, meta) -> row.get("n", Long.class)).one().block();
		assertThat(admitted).isEqualTo(1);
	}
}
