package io.boxoffice.edge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.edge.fuzz.ApiFuzzRun;
import io.boxoffice.edge.fuzz.ApiOperations;
import io.boxoffice.edge.internal.EdgeSettings;
import io.boxoffice.edge.internal.SecuritySettings;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route of {@code /v3/api-docs} (and a few that are not in it: the WebSocket path, static pages,
 * actuator) with generated hostile requests and checks each answer (see {@code docs/errors.md}, "The fuzz suite"):
 * no 5xx but a 503 shed with {@code Retry-After}; every 4xx a problem+json naming no internal type and echoing no
 * token or cookie; and a refused write leaves the database as it was.
 *
 * <p>Seeded: the seed is printed, {@code -Dfuzz.seed=N} reruns the same requests, {@code -Dfuzz.requests=N} sets
 * how many, and {@code -Dfuzz.request=I} replays only request number I of the seed.
 */
@IntegrationTest
class ApiFuzzIT {

	private static final String USERS = "fuzz-";

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Autowired
	SecuritySettings security;

	@Autowired
	EdgeSettings edge;

	@Autowired
	DatabaseClient db;

	@Autowired
	Clock clock;

	@Autowired
	JsonMapper json;

	@LocalServerPort
	int port;

	/** Every failure in target/api-fuzz-report.txt; the assertion message shows the first of each kind. */
	private static void writeReport(String report) {
		try {
			Files.writeString(Path.of("target", "api-fuzz-report.txt"), report);
		}
		catch (IOException notWritable) {
			System.out.println("Could not write target/api-fuzz-report.txt: " + notWritable);
		}
	}

	@Test
	void everyRouteRefusesHostileInputWithAProblemAndLeavesTheDatabaseAsItWas() {
		long seed = Long.getLong("fuzz.seed", new SecureRandom().nextLong());
		int requests = Integer.getInteger("fuzz.requests", 2_400);
		Integer only = Integer.getInteger("fuzz.request");
		System.out.printf("ApiFuzzIT seed=%d requests=%d (rerun with -Dfuzz.seed=%d)%n", seed, requests, seed);

		var event = new CatalogFixtures(db).event("Fuzz Night", CatalogFixtures.unique("Fuzzton"), Category.CONCERT,
				Instant.now().plus(Duration.ofDays(60)));
		JsonNode document = json.readTree(http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody());
		var api = new ApiOperations(document);
		List<ApiOperations.Operation> operations = new ArrayList<>(api.all());
		assertThat(operations).as("routes in /v3/api-docs").hasSizeGreaterThan(15);
		operations.addAll(ApiFuzzRun.undocumentedRoutes());

		Map<String, String> goodIds = new LinkedHashMap<>();
		goodIds.put("/api/events/", Long.toString(event.id()));
		goodIds.put("/api/admin/events/", Long.toString(event.id()));
		goodIds.put("/ws/events/", Long.toString(event.id()));
		goodIds.put("/api/admin/venues/", Long.toString(event.venueId()));
		goodIds.put("/api/admin/performers/", Long.toString(event.performerId()));
		goodIds.put("/api/bookings/", "7d0c2a54-1f1e-4d4c-9a53-000000000000");
		goodIds.put("/api/holds/", "h-0000000000000000");
		Map<String, Object> knownGood = new TreeMap<>(Map.of("eventId", event.id(), "seatIds", event.frontSeatIds().subList(0, 2),
				"venueId", event.venueId(), "performerIds", List.of(event.performerId()), "sectionName", "Front",
				"currency", "GBP", "country", "GB", "timezone", "Europe/London", "startsAt", "2031-01-01T20:00:00Z",
				"onSaleAt", "2030-01-01T00:00:00Z"));
		knownGood.putAll(Map.of("paymentMethod", "pm_card_visa", "lat", 51.5, "lon", -0.12, "queueMode", "OFF",
				"sectionId", event.frontSectionId(), "priceCents", 1000));

		var run = new ApiFuzzRun(port, seed, api, operations, tokens, security.jwtSecret(), security.issuer(), clock, USERS,
				goodIds, knownGood, edge.maxBodySize().toBytes(), db);
		var result = only != null ? run.replay(only) : run.run(requests);
		System.out.println(result.summary());
		writeReport(result.fullReport());
		assertThat(result.failures()).as(result.report()).isEmpty();
		assertThat(result.sent()).as("requests sent").isGreaterThanOrEqualTo(only != null ? 1 : Math.min(requests, 2_000));

		// However many hostile cursors went to search, search still works (no breaker opened by bad input).
		http.get().uri("/api/search?q=fuzz").exchange().expectStatus().isOk();
	}
}
