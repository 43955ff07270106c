package io.boxoffice.edge.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI document ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}). Controllers describe their own
 * success responses; the errors every route shares (problem+json, by route class) are added here in one place,
 * so the document cannot drift from what {@link SecurityConfiguration} and {@link RateLimits} actually do.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	private static final String PROBLEM = "Problem";
	private static final String BEARER = "bearer";

	@Bean
	OpenAPI boxofficeApi() {
		return new OpenAPI()
			.info(new Info().title("Boxoffice API")
				.description("View and search events, hold seats on a live seat map, and book them. "
						+ "Every error is an RFC 9457 application/problem+json with a stable `type`.")
				.version("v1")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			.components(new Components()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
	}

	/** Last, after the modules' own customizers (the seat map's), so it sees every schema they write. */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	OpenApiCustomizer sharedErrorResponses() {
		return api -> {
			if (api.getComponents() == null) {
				api.setComponents(new Components());
			}
			api.getComponents().addSchemas(PROBLEM, problemSchema());
			// Relative: the same document serves every host it is reached through (springdoc would write the
			// address of the request that first asked for it).
			api.setServers(List.of(new io.swagger.v3.oas.models.servers.Server().url("/").description("this service")));
			if (api.getComponents().getSchemas() != null) {
				var schemas = api.getComponents().getSchemas();
				// springdoc describes the functional routes' return type too; no operation answers with it.
				schemas.remove("ServerResponse");
				schemas.values().forEach(schema -> nullableReferences(schema, schemas));
			}
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				RouteAccess access = RouteAccess.of(path);
				operation.setTags(List.of(tag(path)));
				if (method == PathItem.HttpMethod.DELETE || method == PathItem.HttpMethod.GET) {
					operation.setRequestBody(null); // nothing is read from the body of these
				}
				if (operation.getResponses() != null) {
					operation.getResponses().forEach((status, response) -> normalize(status, response));
					if (operation.getResponses().containsKey("201")) {
						operation.getResponses().remove("200"); // the generator's default, never answered by a create
					}
				}
				EXTRA_RESPONSES.getOrDefault(method + " " + path, Map.of()).forEach((status, description) -> add(operation, status, description));
				if (access == RouteAccess.ADMIN && (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT)) {
					add(operation, "409", "Conflicts with what exists: a name already taken, or sales that forbid the change");
				}
				add(operation, "400", "Invalid parameters or body; `errors` names each bad field");
				if (path.contains("{")) {
					add(operation, "404", "No such resource (or not yours)");
				}
				add(operation, "406", "The Accept header allows neither JSON nor problem+json");
				add(operation, "429", "Rate limited; see `Retry-After`");
				add(operation, "500", "Unexpected error; the body carries only a correlation id");
				add(operation, "503", "Overloaded (load shed) or a backing service is unavailable; see `Retry-After`");
				if (access == RouteAccess.PUBLIC && !(method == PathItem.HttpMethod.POST && path.endsWith("/queue"))) {
					operation.setSecurity(List.of()); // explicitly public
				}
				else {
					operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
					add(operation, "401", "Missing, forged or expired bearer token");
					add(operation, "403", access.roleNeeded());
				}
				if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
					add(operation, "413", "Request body too large");
					add(operation, "415", "Send application/json");
				}
				byStatus(operation);
			}));
		};
	}

	/**
	 * The answers of particular operations beyond the shared ones: statuses their modules answer with a problem
	 * (402, 409, 422, 503) or without a body (304). Keyed by method and path as the document has them.
	 */
	/** Answers in status order, so that the document reads the same on every start (the maps it is built from do not). */
	private static void byStatus(Operation operation) {
		if (operation.getResponses() == null) {
			return;
		}
		var sorted = new TreeMap<>(operation.getResponses());
		operation.getResponses().clear();
		sorted.forEach(operation.getResponses()::addApiResponse);
	}

	private static final Map<String, Map<String, String>> EXTRA_RESPONSES = Map.ofEntries(
			Map.entry("GET /api/events/{id}", Map.of("304", "Not modified (If-None-Match matched the ETag)")),
			Map.entry("GET /api/events/{id}/seatmap", Map.of("304", "Not modified (If-None-Match matched the ETag)")),
			Map.entry("GET /api/search", Map.of("503", "Search is unavailable; see Retry-After (event pages and lists still work)")),
			Map.entry("POST /api/events/{eventId}/waitlist", Map.of("409", "The event is not sold out, or the caller is already on its waitlist")),
			Map.entry("POST /api/events/{eventId}/queue", Map.of("409", "The event has no waiting room, or it is not open yet")),
			Map.entry("POST /api/queue/{ticket}/claim", Map.of("409", "Not admitted yet", "410", "The admitted turn was not claimed in time")),
			Map.entry("POST /api/bookings", Map.of("404", "No such hold of the caller's",
					"409", "The hold is already booked, a seat was sold elsewhere, or the buyer's purchase limit for the event is reached",
					"422", "The idempotency key was used for another request, or the price is below what the card network can charge",
					"503", "The service sheds checkout load, or payments are unavailable; see Retry-After")),
			Map.entry("POST /api/bookings/{id}/confirm", Map.of("402", "The card was declined (declineCode says why); pay again with another card",
					"409", "The booking is no longer PENDING, or a seat was sold elsewhere",
					"422", "The payment method is not usable", "503", "Payments are unavailable or load is shed; see Retry-After")),
			Map.entry("DELETE /api/bookings/{id}", Map.of("409", "Past the cancellation cut-off, or not cancellable in its state",
					"503", "Payments are unavailable (a refund is needed); see Retry-After")));

	private static String tag(String path) {
		if (path.startsWith("/api/admin")) {
			return "Admin";
		}
		if (path.endsWith("/check-ins") || path.contains("/tickets")) {
			return "Tickets";
		}
		if (path.contains("/waitlist")) {
			return "Waitlist";
		}
		if (path.endsWith("/queue") || path.startsWith("/api/queue")) {
			return "Waiting room";
		}
		if (path.startsWith("/api/events")) {
			return "Events";
		}
		if (path.startsWith("/api/search")) {
			return "Search";
		}
		if (path.startsWith("/api/holds")) {
			return "Holds";
		}
		if (path.startsWith("/api/bookings")) {
			return "Bookings";
		}
		if (path.startsWith("/api/payments")) {
			return "Payments";
		}
		return "Service";
	}

	/** Success bodies are JSON ({@code *}{@code /*} is what the generator writes when it cannot tell); errors are problems. */
	private static void normalize(String status, ApiResponse response) {
		boolean error = status.startsWith("4") || status.startsWith("5");
		if (status.equals("204") || status.equals("304")) {
			response.setContent(null); // answered without a body
			return;
		}
		if (error) {
			response.setContent(problemContent());
			return;
		}
		if (response.getContent() != null && response.getContent().containsKey("*/*")) {
			MediaType any = response.getContent().remove("*/*");
			if (!response.getContent().containsKey("application/json")) {
				response.getContent().addMediaType("application/json", any);
			}
		}
		if (response.getContent() != null && response.getContent().isEmpty()) {
			response.setContent(null);
		}
	}

	/**
	 * OpenAPI 3.0 ignores every sibling of a {@code $ref}, and validators apply {@code nullable} only beside a
	 * {@code type}, so a nullable property that refers to a schema (the seat map's {@code stage}) is written as an
	 * inline copy of that schema with {@code nullable: true}: the one form validators and generators agree on.
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void nullableReferences(Schema schema, Map<String, Schema> components) {
		if (schema.getProperties() == null) {
			return;
		}
		Map<String, Schema> properties = new java.util.LinkedHashMap<>(schema.getProperties());
		properties.replaceAll((name, property) -> {
			String ref = nullableReference(property);
			Schema target = ref == null ? null : components.get(ref.substring(ref.lastIndexOf('/') + 1));
			if (target == null) {
				return property;
			}
			return new ObjectSchema().properties(target.getProperties()).required(target.getRequired())
				.description(property.getDescription() != null ? property.getDescription() : target.getDescription())
				.nullable(true);
		});
		schema.setProperties(properties);
	}

	/** The schema a nullable property refers to, directly or as the one member of an {@code allOf}; else null. */
	@SuppressWarnings("rawtypes")
	private static String nullableReference(Schema property) {
		if (!Boolean.TRUE.equals(property.getNullable())) {
			return null;
		}
		if (property.get$ref() != null) {
			return property.get$ref();
		}
		List<Schema> allOf = property.getAllOf();
		return allOf != null && allOf.size() == 1 ? ((Schema) allOf.get(0)).get$ref() : null;
	}

	private static Content problemContent() {
		return new Content().addMediaType("application/problem+json",
				new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
	}

	private enum RouteAccess {
		PUBLIC, USER, ADMIN, SCANNER;

		/** As {@link SecurityConfiguration} has it. */
		static RouteAccess of(String path) {
			if (path.startsWith("/api/admin")) {
				return ADMIN;
			}
			if (path.endsWith("/check-ins")) {
				return SCANNER;
			}
			return path.startsWith("/api/holds") || path.startsWith("/api/bookings") || path.startsWith("/api/queue")
					|| path.contains("/waitlist") ? USER : PUBLIC;
		}

		String roleNeeded() {
			return switch (this) {
				case ADMIN -> "The token lacks role ADMIN";
				case SCANNER -> "The token lacks role SCANNER (or SCANNER:<eventId> for this event)";
				default -> "The token lacks role USER";
			};
		}
	}

	private static void add(Operation operation, String status, String description) {
		if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
			return;
		}
		operation.getResponses().addApiResponse(status, status.equals("304") ? new ApiResponse().description(description)
				: new ApiResponse().description(description).content(problemContent()));
	}

	@SuppressWarnings("rawtypes")
	private static Schema problemSchema() {
		Map<String, Schema> properties = Map.of(
				"type", new StringSchema().description("Stable URI naming the kind of problem, e.g. /problems/seats-unavailable"),
				"title", new StringSchema(),
				"status", new IntegerSchema(),
				"detail", new StringSchema().description("What went wrong, for a human"),
				"instance", new StringSchema().description("The request path"),
				"correlationId", new StringSchema().description("Also in the X-Request-Id header and the logs"));
		return new ObjectSchema().description("RFC 9457 problem details; some types add fields (e.g. errors, unavailableSeatIds)")
			.properties(properties)
			.additionalProperties(true); // problem types add their own members (RFC 9457, "Extension Members")
	}
}
