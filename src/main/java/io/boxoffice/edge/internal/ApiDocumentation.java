package io.boxoffice.edge.internal;

import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
				.license(new License().name("Apache-2.0")))
			.components(new Components()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")));
	}

	@Bean
	OpenApiCustomizer sharedErrorResponses() {
		return api -> {
			if (api.getComponents() == null) {
				api.setComponents(new Components());
			}
			api.getComponents().addSchemas(PROBLEM, problemSchema());
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				RouteAccess access = RouteAccess.of(path);
				add(operation, "400", "Invalid parameters or body; `errors` names each bad field");
				if (path.contains("{")) {
					add(operation, "404", "No such resource (or not yours)");
				}
				add(operation, "429", "Rate limited; see `Retry-After`");
				add(operation, "500", "Unexpected error; the body carries only a correlation id");
				if (access != RouteAccess.PUBLIC) {
					operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
					add(operation, "401", "Missing, forged or expired bearer token");
					add(operation, "403", access == RouteAccess.ADMIN ? "The token lacks role ADMIN" : "The token lacks role USER");
				}
				if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
					add(operation, "413", "Request body too large");
					add(operation, "415", "Send application/json");
				}
			}));
		};
	}

	private enum RouteAccess {
		PUBLIC, USER, ADMIN;

		static RouteAccess of(String path) {
			if (path.startsWith("/api/admin")) {
				return ADMIN;
			}
			return path.startsWith("/api/holds") || path.startsWith("/api/bookings") ? USER : PUBLIC;
		}
	}

	private static void add(Operation operation, String status, String description) {
		if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
			return;
		}
		operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
			.content(new Content().addMediaType("application/problem+json",
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
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
			.properties(properties);
	}
}
