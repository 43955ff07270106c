package io.boxoffice.edge.fuzz;

import java.util.List;
import java.util.Map;

/**
 * A tiny JSON writer for generated bodies: maps, lists, strings, numbers, booleans and null, plus {@link Raw} text
 * written verbatim, which is how a body gets a number no library would write ({@code 1e999999}, {@code NaN}).
 */
final class Json {

	/** Written exactly as given. */
	record Raw(String text) {
	}

	private Json() {
	}

	static String write(Object value) {
		var out = new StringBuilder();
		write(value, out);
		return out.toString();
	}

	private static void write(Object value, StringBuilder out) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Raw raw) {
			out.append(raw.text());
		}
		else if (value instanceof String text) {
			string(text, out);
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (var entry : map.entrySet()) {
				if (!first) {
					out.append(',');
				}
				first = false;
				string(String.valueOf(entry.getKey()), out);
				out.append(':');
				write(entry.getValue(), out);
			}
			out.append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				if (i > 0) {
					out.append(',');
				}
				write(list.get(i), out);
			}
			out.append(']');
		}
		else {
			out.append(value); // numbers and booleans
		}
	}

	private static void string(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}
}
