package io.boxoffice.edge.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import tools.jackson.databind.JsonNode;

/**
 * Request bodies: a plausible body built from the route's schema (with real ids where a field names one), then
 * broken in one of many ways. Every body it returns is meant to be refused.
 */
final class JsonBodies {

	/** How the body goes out: as is, chunked, or only declared (an oversized {@code Content-Length}, never sent). */
	enum Mode {
		PLAIN, CHUNKED, DECLARED_ONLY
	}

	record Body(byte[] bytes, Mode mode, String note) {
	}

	private final ApiOperations api;
	private final Map<String, Object> knownGood;
	private final long limit;

	/**
	 * @param knownGood values that make a field pass its checks (an existing event id, a section name), so that the
	 * breakage reaches past the first check
	 * @param limit the body size limit of the routes
	 */
	JsonBodies(ApiOperations api, Map<String, Object> knownGood, long limit) {
		this.api = api;
		this.knownGood = knownGood;
		this.limit = limit;
	}

	Body hostile(JsonNode schema, Random random) {
		Object base = schema.isMissingNode() ? new LinkedHashMap<>(Map.of("id", 1)) : plausible(schema, random, 0);
		String json = Json.write(base);
		int strategy = random.nextInt(100);
		if (strategy < 40) {
			return plain(Json.write(mutate(base, schema, random)), "one field broken");
		}
		if (strategy < 50) {
			return plain(broken(json, random), "broken JSON");
		}
		if (strategy < 55) {
			int depth = random.nextBoolean() ? 600 : 20_000;
			return plain(random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth),
					"nested " + depth + " deep");
		}
		if (strategy < 62) {
			return plain(HostileValues.pick(random, List.of("[]", "\"text\"", "42", "null", "true", "[{}]", "[" + json + "]", "{}",
					"[" + "1,".repeat(15_000) + "1]")), "wrong top-level value");
		}
		if (strategy < 67) {
			return new Body(new byte[0], Mode.PLAIN, "empty body");
		}
		if (strategy < 74) {
			return new Body(invalidUtf8(json, random), Mode.PLAIN, "invalid UTF-8");
		}
		if (strategy < 80) {
			return plain(hugeArray(base, random), "huge array");
		}
		if (strategy < 84) {
			return new Body(new byte[0], Mode.DECLARED_ONLY, "declared 50 MB");
		}
		if (strategy < 88) {
			byte[] big = (json + " ".repeat((int) limit + 10_000)).getBytes(StandardCharsets.UTF_8);
			return new Body(big, Mode.CHUNKED, "chunked past the limit");
		}
		if (strategy < 93) {
			return plain(json.replaceFirst("\\{\"([^\"]+)\":", "{\"$1\":\"dup\",\"$1\":"), "duplicate key");
		}
		return plain(json.replace("{", "{\"" + HostileValues.pick(random, List.of("__proto__", "@type", "class", "constructor", "id"))
				+ "\":" + HostileValues.pick(random, HostileValues.NUMBERS) + ",").replaceFirst(":\\s*\"[^\"]*\"", ":{\"nested\":[[[]]]}"),
				"extra field and an object for a string");
	}

	private static Body plain(String json, String note) {
		return new Body(json.getBytes(StandardCharsets.UTF_8), Mode.PLAIN, note);
	}

	/** A body that would pass the schema. */
	Object plausible(JsonNode schemaRef, Random random, int depth) {
		JsonNode schema = api.resolve(schemaRef);
		if (depth > 6) {
			return null;
		}
		for (String combination : List.of("allOf", "oneOf", "anyOf")) {
			if (schema.has(combination)) {
				return plausible(schema.path(combination).get(0), random, depth + 1);
			}
		}
		if (schema.has("enum")) {
			return schema.path("enum").get(random.nextInt(schema.path("enum").size())).asString();
		}
		String type = schema.path("type").asString("object");
		return switch (type) {
			case "object" -> {
				var object = new LinkedHashMap<String, Object>();
				for (var property : schema.path("properties").properties()) {
					String name = property.getKey();
					object.put(name, knownGood.containsKey(name) ? copy(knownGood.get(name)) : plausible(property.getValue(), random, depth + 1));
				}
				yield object;
			}
			case "array" -> {
				var list = new ArrayList<Object>();
				for (int i = 0; i < 1 + random.nextInt(2); i++) {
					list.add(plausible(schema.path("items"), random, depth + 1));
				}
				yield list;
			}
			case "integer" -> 1 + random.nextInt(5);
			case "number" -> 1.5;
			case "boolean" -> true;
			default -> switch (schema.path("format").asString("")) {
				case "date-time" -> "2030-06-01T19:30:00Z";
				case "uuid" -> HostileValues.uuid(random);
				default -> "fuzz " + random.nextInt(1000);
			};
		};
	}

	/** A mutable copy, so that breaking one body never changes the known-good values of the next. */
	private static Object copy(Object value) {
		if (value instanceof List<?> list) {
			return new ArrayList<>(list.stream().map(JsonBodies::copy).toList());
		}
		if (value instanceof Map<?, ?> map) {
			var object = new LinkedHashMap<Object, Object>();
			map.forEach((key, item) -> object.put(key, copy(item)));
			return object;
		}
		return value;
	}

	/** The body with one value, anywhere in it, replaced by something of the wrong kind or out of range. */
	private Object mutate(Object base, JsonNode schema, Random random) {
		var slots = new ArrayList<Runnable>();
		collect(base, random, slots);
		if (slots.isEmpty()) {
			return hostileValue(random);
		}
		slots.get(random.nextInt(slots.size())).run();
		return base;
	}

	@SuppressWarnings("unchecked")
	private void collect(Object value, Random random, List<Runnable> slots) {
		if (value instanceof Map<?, ?> map) {
			var object = (Map<String, Object>) map;
			for (String key : new ArrayList<>(object.keySet())) {
				slots.add(() -> object.put(key, hostileValue(random)));
				slots.add(() -> object.remove(key));
				collect(object.get(key), random, slots);
			}
		}
		else if (value instanceof List<?> list) {
			var items = (List<Object>) list;
			for (int i = 0; i < items.size(); i++) {
				int index = i;
				slots.add(() -> items.set(index, hostileValue(random)));
				collect(items.get(i), random, slots);
			}
		}
	}

	private static Object hostileValue(Random random) {
		return switch (random.nextInt(9)) {
			case 0 -> null;
			case 1, 2 -> new Json.Raw(HostileValues.pick(random, HostileValues.NUMBERS));
			case 3, 4 -> new Json.Raw(HostileValues.pick(random, HostileValues.DATES));
			case 5, 6 -> HostileValues.pick(random, HostileValues.STRINGS);
			case 7 -> HostileValues.pick(random, List.<Object>of(List.of(), Map.of(), List.of(List.of(1)), Map.of("a", List.of()), true, false));
			default -> new Json.Raw("[" + "9223372036854775808,".repeat(random.nextInt(2_000)) + "-1]");
		};
	}

	private static String broken(String json, Random random) {
		return switch (random.nextInt(8)) {
			case 0 -> json.substring(0, random.nextInt(Math.max(1, json.length())));
			case 1 -> json + "}";
			case 2 -> json.replaceFirst(":", "=");
			case 3 -> json.replace('"', '\'');
			case 4 -> json.replaceFirst("}$", ",}");
			case 5 -> "/* comment */" + json;
			case 6 -> json.replaceFirst("\"([A-Za-z]+)\":", "$1:");
			default -> json.replaceFirst(":", ":NaN,\"x\":");
		};
	}

	private static byte[] invalidUtf8(String json, Random random) {
		byte[][] sequences = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF, (byte) 0xFE }, { (byte) 0xC0, (byte) 0x80 },
				{ (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 }, { (byte) 0x80 } };
		byte[] bad = sequences[random.nextInt(sequences.length)];
		int quote = json.indexOf('"', 1 + json.indexOf(':'));
		var out = new ByteArrayOutputStream();
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		int at = quote < 0 ? bytes.length / 2 : json.substring(0, quote + 1).getBytes(StandardCharsets.UTF_8).length;
		out.write(bytes, 0, at);
		out.writeBytes(bad);
		out.write(bytes, at, bytes.length - at);
		return out.toByteArray();
	}

	@SuppressWarnings("unchecked")
	private static String hugeArray(Object base, Random random) {
		String huge = "[" + "1,".repeat(10_000 + random.nextInt(10_000)) + "1]";
		if (base instanceof Map<?, ?> map && !map.isEmpty()) {
			var object = (Map<String, Object>) map;
			var keys = new ArrayList<>(object.keySet());
			String key = keys.stream().filter(k -> object.get(k) instanceof List).findFirst().orElse(keys.get(random.nextInt(keys.size())));
			object.put(key, new Json.Raw(huge));
			return Json.write(object);
		}
		return huge;
	}
}
