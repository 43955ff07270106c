package io.boxoffice.support.stripe;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters as Stripe's clients send them: {@code application/x-www-form-urlencoded} (bodies) or a query
 * string (GETs), with nested keys in brackets: {@code metadata[bookingId]=42}, {@code expand[0]=latest_charge}.
 */
final class FormParams {

	private final Map<String, String> values;

	private FormParams(Map<String, String> values) {
		this.values = values;
	}

	static FormParams parse(String encoded) {
		var values = new LinkedHashMap<String, String>();
		if (encoded != null && !encoded.isEmpty()) {
			for (String pair : encoded.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String key = decode(equals < 0 ? pair : pair.substring(0, equals));
				String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
				values.put(key, value);
			}
		}
		return new FormParams(values);
	}

	String get(String key) {
		return values.get(key);
	}

	/** A required whole number, or a {@code parameter_missing} / {@code parameter_invalid_integer} error. */
	long requiredLong(String key) {
		String value = values.get(key);
		if (value == null || value.isEmpty()) {
			throw StripeFailure.invalidRequest(400, "parameter_missing", key, "Missing required param: " + key + ".");
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException e) {
			throw StripeFailure.invalidRequest(400, "parameter_invalid_integer", key, "Invalid integer: " + value);
		}
	}

	/** {@code name[key]=value} pairs as a map. */
	Map<String, String> map(String name) {
		var map = new LinkedHashMap<String, String>();
		values.forEach((key, value) -> {
			if (key.startsWith(name + "[") && key.endsWith("]")) {
				map.put(key.substring(name.length() + 1, key.length() - 1), value);
			}
		});
		return map;
	}

	/** {@code name[0]=a&name[1]=b} (or {@code name[]=a}) as a list. */
	List<String> list(String name) {
		var list = new ArrayList<String>();
		values.forEach((key, value) -> {
			if (key.startsWith(name + "[")) {
				list.add(value);
			}
		});
		return list;
	}

	private static String decode(String part) {
		return URLDecoder.decode(part, StandardCharsets.UTF_8);
	}
}
