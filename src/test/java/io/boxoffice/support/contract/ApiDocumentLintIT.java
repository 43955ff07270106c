package io.boxoffice.support.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lints the served OpenAPI document (docs/api.md, "Contract"): what a generated client and a validating proxy need
 * from it. {@link ContractValidation} then holds every exchange of the other integration tests to it.
 */
@IntegrationTest
@SuppressWarnings("unchecked")
class ApiDocumentLintIT {

	private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
	private static final String PROBLEM = "#/components/schemas/Problem";

	@Autowired
	WebTestClient http;

	Map<String, Object> document;

	@BeforeEach
	void read() {
		document = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
	}

	@Test
	void everyOperationHasASummaryTagsAndDeclaredSecurityAndItsErrorsAreProblems() {
		assertThat((String) document.get("openapi")).startsWith("3.0");
		List<String> findings = new ArrayList<>();
		operations().forEach((name, operation) -> {
			if (!(operation.get("summary") instanceof String summary) || summary.isBlank()) {
				findings.add(name + ": no summary");
			}
			if (!(operation.get("tags") instanceof List<?> tags) || tags.isEmpty()) {
				findings.add(name + ": no tags");
			}
			if (!(operation.get("security") instanceof List<?> security)) {
				findings.add(name + ": security not declared (an empty list says public)");
			}
			else if (security.isEmpty() && (name.contains(" /api/holds") || name.contains(" /api/bookings") || name.contains(" /api/admin")
					|| name.contains(" /api/queue"))) {
				findings.add(name + ": needs a token but is documented public");
			}
			if ((name.startsWith("GET ") || name.startsWith("DELETE ")) && operation.containsKey("requestBody")) {
				findings.add(name + ": documents a request body");
			}
			((Map<String, Map<String, Object>>) operation.getOrDefault("responses", Map.of())).forEach((status, response) -> {
				Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.getOrDefault("content", Map.of());
				if (status.startsWith("4") || status.startsWith("5")) {
					Map<String, Object> problem = content.get("application/problem+json");
					if (content.size() != 1 || problem == null || !PROBLEM.equals(((Map<String, Object>) problem.get("schema")).get("$ref"))) {
						findings.add(name + " " + status + ": not an application/problem+json Problem");
					}
				}
				else if (content.containsKey("*/*")) {
					findings.add(name + " " + status + ": */* instead of a media type");
				}
			});
		});
		assertThat(findings).isEmpty();
	}

	@Test
	void searchSeatMapAndBookingsAreDocumentedAsTheyAnswer() {
		Map<String, Map<String, Object>> operations = operations();
		List<String> searchParameters = ((List<Map<String, Object>>) operations.get("GET /api/search").get("parameters")).stream()
			.map(parameter -> (String) parameter.get("name")).toList();
		assertThat(searchParameters).contains("q", "city", "near", "radiusKm", "category", "from", "to", "minPriceCents", "maxPriceCents",
				"available", "sort", "size", "cursor").doesNotContain("params");

		Map<String, Object> seatMap = response(operations.get("GET /api/events/{id}/seatmap"), "200");
		assertThat(seatMap.get("$ref")).isEqualTo("#/components/schemas/SeatMap");
		Map<String, Object> seat = schema("SeatMapSeat");
		assertThat(seat).containsEntry("type", "array").containsEntry("minItems", 4).containsEntry("maxItems", 4);
		assertThat(schema("SeatMapRow").get("properties")).isInstanceOfSatisfying(Map.class, row -> assertThat(row).containsKeys("label", "seats"));

		Map<String, Object> create = operations.get("POST /api/bookings");
		assertThat((List<Map<String, Object>>) create.get("parameters")).anySatisfy(parameter -> assertThat(parameter)
			.containsEntry("name", "Idempotency-Key").containsEntry("in", "header").containsEntry("required", true));
		assertThat((Map<String, Object>) create.get("responses")).containsKeys("201", "404", "409", "422", "503").doesNotContainKey("200");
		assertThat((Map<String, Object>) operations.get("POST /api/bookings/{id}/confirm").get("responses")).containsKeys("200", "202", "402", "409");
		assertThat((Map<String, Object>) operations.get("POST /api/holds").get("responses")).containsKeys("201", "409", "503");
		assertThat((Map<String, Object>) operations.get("DELETE /api/holds/{id}").get("responses")).containsKey("204");
		assertThat(operations).containsKey("GET /api/holds");
		assertThat((Map<String, Object>) operations.get("GET /api/events/{id}").get("responses")).containsKey("304");
		assertThat(response(operations.get("GET /api/bookings"), "200").get("$ref")).isEqualTo("#/components/schemas/BookingPage");
	}

	private Map<String, Map<String, Object>> operations() {
		Map<String, Map<String, Object>> operations = new java.util.TreeMap<>();
		((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, item) -> METHODS.forEach(method -> {
			if (path.startsWith("/api/test-only/")) {
				return; // routes the tests add to the application (support.FailingRoute), not part of the API
			}
			if (item.get(method) instanceof Map<?, ?> operation) {
				operations.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path, (Map<String, Object>) operation);
			}
		}));
		return operations;
	}

	private static Map<String, Object> response(Map<String, Object> operation, String status) {
		Map<String, Object> response = ((Map<String, Map<String, Object>>) operation.get("responses")).get(status);
		return (Map<String, Object>) ((Map<String, Map<String, Object>>) response.get("content")).get("application/json").get("schema");
	}

	private Map<String, Object> schema(String name) {
		return ((Map<String, Map<String, Object>>) ((Map<String, Object>) document.get("components")).get("schemas")).get(name);
	}
}
