package io.boxoffice.catalog.admin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Admin API calls and request bodies for integration tests, as plain maps so each test can bend one field. */
public final class AdminRequests {

	private final WebTestClient http;
	private final String token;

	public AdminRequests(WebTestClient http, TestTokens tokens) {
		this.http = http;
		this.token = TestTokens.bearer(tokens.admin("ada"));
	}

	public WebTestClient.ResponseSpec post(String path, Object body) {
		return http.post().uri(path).header(HttpHeaders.AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange();
	}

	public WebTestClient.ResponseSpec put(String path, Object body) {
		return http.put().uri(path).header(HttpHeaders.AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body).exchange();
	}

	public WebTestClient.ResponseSpec get(String path) {
		return http.get().uri(path).header(HttpHeaders.AUTHORIZATION, token).exchange();
	}

	/** A small hall: "Stalls" as two straight rows of four, "Circle" as two seats listed one by one. */
	public static Map<String, Object> venue(String city) {
		var venue = new LinkedHashMap<String, Object>();
		venue.put("name", CatalogFixtures.unique("Hall"));
		venue.put("city", city);
		venue.put("country", "GB");
		venue.put("lat", 51.5);
		venue.put("lon", -0.12);
		venue.put("timezone", "Europe/London");
		venue.put("stage", Map.of("x", 0, "y", -4, "width", 4, "height", 2, "label", "Stage"));
		venue.put("sections", List.of(
				Map.of("name", "Stalls", "rows", List.of(
						Map.of("row", "A", "count", 4, "x", 0, "y", 0),
						Map.of("row", "B", "count", 4, "x", 0, "y", 1.2))),
				Map.of("name", "Circle", "seats", List.of(
						seat("A", 1, 0, 5), seat("A", 2, 1, 5)))));
		return venue;
	}

	public static Map<String, Object> seat(String row, int number, double x, double y) {
		return Map.of("row", row, "number", number, "x", x, "y", y);
	}

	public static Map<String, Object> section(String name, List<Map<String, Object>> seats) {
		return Map.of("name", name, "seats", seats);
	}

	public static Map<String, Object> performer(String name) {
		return new LinkedHashMap<>(Map.of("name", name, "genre", "indie", "bio", "Formed in a garage"));
	}

	/** A concert at the venue in ten days, on sale now, pricing "Stalls" by name. */
	public static Map<String, Object> event(long venueId, List<Long> performerIds) {
		Instant startsAt = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
		var event = new LinkedHashMap<String, Object>();
		event.put("venueId", venueId);
		event.put("name", CatalogFixtures.unique("Night"));
		event.put("description", "Loud");
		event.put("category", "CONCERT");
		event.put("startsAt", startsAt.toString());
		event.put("onSaleAt", startsAt.minus(30, ChronoUnit.DAYS).toString());
		event.put("performerIds", performerIds);
		event.put("priceTiers", new ArrayList<>(List.of(tier("Stalls", 4500, "GBP"))));
		return event;
	}

	public static Map<String, Object> tier(String sectionName, int cents, String currency) {
		return Map.of("sectionName", sectionName, "priceCents", cents, "currency", currency);
	}

	public static Map<String, Object> tier(long sectionId, int cents, String currency) {
		return Map.of("sectionId", sectionId, "priceCents", cents, "currency", currency);
	}

	public static <T> Map<String, Object> with(Map<String, Object> body, String field, T value) {
		var copy = new LinkedHashMap<>(body);
		if (value == null) {
			copy.remove(field);
		}
		else {
			copy.put(field, value);
		}
		return copy;
	}

	/** Creates and returns the id from the {@code Location} header, checking it is a 201. */
	public long create(String path, Object body) {
		var location = post(path, body).expectStatus().isCreated().returnResult(Void.class).getResponseHeaders().getLocation();
		assertThat(location).isNotNull();
		String value = location.toString();
		return Long.parseLong(value.substring(value.lastIndexOf('/') + 1));
	}

	/** A 400 (or other) problem of the type, whose errors name the field. */
	@SuppressWarnings("unchecked")
	public static void expectProblem(WebTestClient.ResponseSpec response, int status, String type, String field) {
		response.expectStatus().isEqualTo(status)
			.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type").isEqualTo(type)
			.jsonPath("$.errors[*].field").value(fields -> assertThat((List<String>) fields).as(type).contains(field));
	}
}
