package io.boxoffice.edge.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/** The routes of an OpenAPI document ({@code /v3/api-docs}), with their parameters and body schemas resolved. */
public final class ApiOperations {

	public enum Caller {
		ANYONE, USER, ADMIN
	}

	public record Parameter(String name, String in, JsonNode schema, boolean required) {
	}

	/** {@code bodySchema} is a missing node when the route takes no body. */
	public record Operation(String method, String path, List<Parameter> parameters, JsonNode bodySchema, Caller caller) {

		@Override
		public String toString() {
			return method + " " + path;
		}
	}

	private final JsonNode document;

	public ApiOperations(JsonNode document) {
		this.document = document;
	}

	public List<Operation> all() {
		var operations = new ArrayList<Operation>();
		for (var path : document.path("paths").properties()) {
			for (var method : path.getValue().properties()) {
				if (!List.of("get", "put", "post", "delete", "patch", "head", "options").contains(method.getKey())) {
					continue;
				}
				JsonNode operation = method.getValue();
				var parameters = new ArrayList<Parameter>();
				for (JsonNode parameter : operation.path("parameters")) {
					JsonNode resolved = resolve(parameter);
					parameters.add(new Parameter(resolved.path("name").asString(), resolved.path("in").asString(),
							resolve(resolved.path("schema")), resolved.path("required").asBoolean(false)));
				}
				JsonNode body = resolve(operation.path("requestBody")).path("content");
				JsonNode bodySchema = body.isObject() && !body.isEmpty() ? resolve(body.properties().iterator().next().getValue().path("schema"))
						: body.path("none");
				operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters, bodySchema,
						callerOf(path.getKey())));
			}
		}
		return operations;
	}

	/** Follows a local {@code $ref} ({@code #/components/...}). */
	public JsonNode resolve(JsonNode node) {
		JsonNode current = node;
		for (int hops = 0; hops < 10 && current.has("$ref"); hops++) {
			String ref = current.path("$ref").asString();
			JsonNode target = document;
			for (String part : ref.substring(2).split("/")) {
				target = target.path(part);
			}
			current = target;
		}
		return current;
	}

	private static Caller callerOf(String path) {
		if (path.startsWith("/api/admin/") || path.startsWith("/actuator/")) {
			return Caller.ADMIN;
		}
		if (path.startsWith("/api/holds") || path.startsWith("/api/bookings")) {
			return Caller.USER;
		}
		return Caller.ANYONE;
	}
}
