package io.boxoffice.edge.internal;

import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.core.codec.DecodingException;
import org.springframework.http.ProblemDetail;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says why a JSON body could not be read, in the client's terms: which field, and what it must be ("field
 * 'seatIds' must be an array of seat ids"). Jackson's own messages name our classes and its tokens
 * ({@code io.boxoffice…$HoldRequest}, {@code JsonToken.START_ARRAY}), so none of their text is passed on.
 */
final class UnreadableBodies {

	private UnreadableBodies() {
	}

	static void describe(DecodingException decoding, ProblemDetail problem) {
		Throwable cause = decoding.getCause();
		if (!(cause instanceof JacksonException jackson)) {
			problem.setDetail("The request body could not be read as JSON");
			return;
		}
		String field = field(jackson);
		if (!field.isEmpty()) {
			problem.setProperty("field", field);
		}
		problem.setDetail(detail(jackson, field));
	}

	private static String detail(JacksonException jackson, String field) {
		String subject = field.isEmpty() ? "The request body" : "field '" + field + "'";
		if (jackson instanceof InvalidNullException) {
			return subject + " must not be null";
		}
		if (jackson instanceof InputCoercionException coercion) {
			return subject + " must be " + kind(coercion.getTargetType(), field) + " in range";
		}
		if (jackson instanceof InvalidFormatException format && format.getValue() instanceof String text
				&& text.contains(NoNulInText.NUL)) {
			return subject + " must not contain the NUL character (U+0000)";
		}
		if (jackson instanceof MismatchedInputException mismatch) {
			return subject + " must be " + kind(mismatch.getTargetType(), field);
		}
		if (jackson instanceof StreamConstraintsException) {
			return "The request body is nested too deeply, or has a number or string too long, for this API";
		}
		if (jackson instanceof UnexpectedEndOfInputException) {
			return "The request body ends before its JSON does" + where(jackson);
		}
		if (jackson instanceof StreamReadException) {
			String message = String.valueOf(jackson.getOriginalMessage());
			return "The request body is not valid " + (message.contains("UTF-8") ? "UTF-8" : "JSON") + where(jackson);
		}
		return subject + " is not valid";
	}

	/** What a value of this type is, as a client would say it. */
	static String kind(Class<?> type, String field) {
		if (type == null) {
			return "a valid value";
		}
		if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
			return "a string";
		}
		if (type == Long.class || type == long.class || type == Integer.class || type == int.class || type == Short.class
				|| type == short.class || type == java.math.BigInteger.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "a date-time such as 2030-06-01T19:30:00Z";
		}
		if (type == UUID.class) {
			return "a UUID";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			String last = field.replaceAll(".*\\.", "").replaceAll("\\[\\d+]$", "");
			return last.endsWith("Ids") && last.length() > 3 ? "an array of " + words(last.substring(0, last.length() - 3)) + " ids"
					: "an array";
		}
		return "a JSON object";
	}

	/** {@code priceTiers[0].currency} from Jackson's path of property names and indexes. */
	private static String field(JacksonException jackson) {
		return jackson.getPath().stream()
			.map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
			.collect(Collectors.joining("."))
			.replace(".[", "[");
	}

	private static String where(JacksonException jackson) {
		var location = jackson.getLocation();
		return location != null && location.getLineNr() > 0
				? " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")" : "";
	}

	private static String words(String camelCase) {
		return camelCase.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
	}
}
