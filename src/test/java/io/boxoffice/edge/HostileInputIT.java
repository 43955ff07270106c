package io.boxoffice.edge;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.edge.fuzz.RawHttp;
import io.boxoffice.edge.fuzz.ResponseChecks;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input that used to be a 500, an empty answer or an answer naming our classes: each is now a 4xx
 * problem+json that says, in the client's terms, what is wrong. Sent byte for byte over a socket, since an HTTP
 * client library refuses to send most of these.
 */
@IntegrationTest
class HostileInputIT {

	@Autowired
	TestTokens tokens;

	@Autowired
	DatabaseClient db;

	@LocalServerPort
	int port;

	RawHttp http;

	@BeforeEach
	void connect() {
		http = new RawHttp(port);
	}

	@Test
	void aBlankBookingIdIsABadRequestNamingIt() {
		var response = send("GET /api/bookings/%20%20", bearer(tokens.user("ada")));

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(response.text()).contains("\"parameter\":\"id\"").contains("must not be blank");
	}

	@Test
	void aTokenWhoseSubjectHasANulIsAnInvalidTokenNotAServerError() {
		var response = send("GET /api/bookings", bearer(tokens.user("ada\u0000x")));

		assertProblem(response, 401, "/problems/invalid-token");
	}

	@Test
	void aMalformedOrUnknownCharsetIsUnsupportedMediaType() {
		String hold = "{\"eventId\":1,\"seatIds\":[1]}";
		for (String type : new String[] { "application/json; charset=nonsense", "application/json; charset=", "application/json; charset=\"",
				"json" }) {
			var response = http.send(head("POST /api/holds", bearer(tokens.user("ada")), "Content-Type: " + type,
					"Content-Length: " + hold.length()), hold.getBytes(), false);

			assertProblem(response, 415, "/problems/unsupported-media-type");
			assertThat(response.text()).as(type).contains("application/json");
		}
	}

	@Test
	void anAcceptHeaderThatRulesOutJsonIsRefusedBeforeTheRouteRuns() {
		long performers = count();
		String performer = "{\"name\":\"" + CatalogFixtures.unique("Accept Test") + "\",\"genre\":\"rock\"}";
		for (String accept : new String[] { "application/xml", "garbage", "application/json;q=0" }) {
			var response = http.send(head("POST /api/admin/performers", bearer(tokens.admin("root")), "Accept: " + accept,
					"Content-Type: application/json", "Content-Length: " + performer.length()), performer.getBytes(), false);

			assertProblem(response, 406, "/problems/not-acceptable");
		}
		assertThat(count()).as("no performer created by a refused request").isEqualTo(performers);
	}

	@Test
	void aNulCharacterInABodyStringIsRefusedNamingTheFieldAndCreatesNothing() {
		long performers = count();
		String performer = "{\"name\":\"" + CatalogFixtures.unique("Nul Test") + "\",\"genre\":\"rock\",\"bio\":\"a\\u0000b\"}";
		var response = http.send(head("POST /api/admin/performers", bearer(tokens.admin("root")), "Content-Type: application/json",
				"Content-Length: " + performer.length()), performer.getBytes(), false);

		assertProblem(response, 400, "/problems/malformed-body");
		assertThat(response.text()).contains("field 'bio' must not contain the NUL character");
		assertThat(count()).as("no performer created by a refused request").isEqualTo(performers);
	}

	@Test
	void aPlainGetOnTheWebSocketPathSaysWhatIsWrongAndEchoesNoHeader() {
		String token = tokens.user("ada");
		var response = send("GET /ws/events/1/availability", bearer(token), "Cookie: SESSION=cookie-secret-1234");

		assertProblem(response, 400, "/problems/invalid-request");
		assertThat(response.text()).contains("WebSocket").doesNotContain(token).doesNotContain("cookie-secret-1234")
			.doesNotContain("localhost");
	}

	@Test
	void aBodyOfTheWrongShapeIsDescribedInTheClientsTerms() {
		var event = new CatalogFixtures(db).event("Hostile", CatalogFixtures.unique("Hostileton"), Category.CONCERT,
				Instant.now().plus(Duration.ofDays(30)));
		String notAnArray = "{\"eventId\":" + event.id() + ",\"seatIds\":" + event.seatIds().get(0) + "}";
		var response = http.send(head("POST /api/holds", bearer(tokens.user("ada")), "Content-Type: application/json",
				"Content-Length: " + notAnArray.length()), notAnArray.getBytes(), false);

		assertProblem(response, 400, "/problems/malformed-body");
		assertThat(response.text()).contains("field 'seatIds' must be an array of seat ids");

		String array = "[]";
		response = http.send(head("POST /api/bookings", bearer(tokens.user("ada")), "Idempotency-Key: key-12345678",
				"Content-Type: application/json", "Content-Length: 2"), array.getBytes(), false);
		assertProblem(response, 400, "/problems/malformed-body");
		assertThat(response.text()).contains("The request body must be a JSON object");

		response = send("GET /no-such-page");
		assertProblem(response, 404, "/problems/not-found");
		assertThat(response.text()).contains("No such page: /no-such-page");
	}

	@Test
	void aQueryParameterNameTheFirewallRefusesIsABadRequest() {
		assertProblem(send("GET /api/events?%00=1"), 400, "/problems/invalid-request");
	}

	@Test
	void whatTheServerCannotEvenParseStillGetsAProblemBody() {
		assertProblem(send("GET /api/events?q=" + "x".repeat(10_000)), 414, "/problems/uri-too-long");
		assertProblem(send("GET /api/events", "X-Large: " + "a".repeat(20_000)), 431, "/problems/headers-too-large");
		assertProblem(send("GET /api/events", "X-Bad: a\u0000b"), 400, "/problems/invalid-request");
	}

	@Test
	void aProblemIsProblemJsonWhateverTheAcceptHeaderAsks() {
		var response = send("GET /api/events/nonsense", "Accept: text/event-stream");

		assertProblem(response, 406, "/problems/not-acceptable");
		assertProblem(send("GET /no-such-page", "Accept: text/event-stream"), 404, "/problems/not-found");
	}

	private RawHttp.Response send(String requestLine, String... headers) {
		return http.send(head(requestLine, headers), null, false);
	}

	private static String head(String requestLine, String... headers) {
		return requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close" + (headers.length == 0 ? "" : "\r\n" + String.join("\r\n", headers));
	}

	private static String bearer(String token) {
		return "Authorization: " + TestTokens.bearer(token);
	}

	private static void assertProblem(RawHttp.Response response, int status, String type) {
		assertThat(response.status()).as(response.whole()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.whole()).startsWith("application/problem+json");
		assertThat(response.text()).contains("\"type\":\"" + type + "\"");
		assertThat(ResponseChecks.INTERNALS.matcher(response.text()).find()).as("names no internal type: %s", response.text()).isFalse();
	}

	private long count() {
		return db.sql("SELECT count(*) AS n FROM performer").map(row -> row.get("n", Long.class)).one().block();
	}
}
