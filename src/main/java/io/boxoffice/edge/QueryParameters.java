package io.boxoffice.edge;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.MultiValueMap;

/**
 * The query-string rules every list and search endpoint shares (docs/api.md, "Vocabulary"): a parameter the
 * endpoint does not know is refused with a 400 naming it rather than silently ignored (a misspelt filter would
 * otherwise answer "everything"), and enum values are read in any case.
 */
public final class QueryParameters {

	private QueryParameters() {
	}

	/** Fails with a 400 {@code /problems/invalid-request} naming every parameter that is not in {@code known}. */
	public static void requireKnown(MultiValueMap<String, String> query, Set<String> known) {
		Set<String> unknown = new TreeSet<>(query.keySet());
		unknown.removeAll(known);
		if (unknown.isEmpty()) {
			return;
		}
		ProblemDetail problem = invalid(unknown.iterator().next(), "Unknown query parameter" + (unknown.size() > 1 ? "s " : " ")
				+ quoted(unknown) + "; this endpoint takes " + quoted(new TreeSet<>(known)));
		problem.setProperty("unknownParameters", List.copyOf(unknown));
		throw new Problem(HttpStatus.BAD_REQUEST, problem);
	}

	/**
	 * The constant of {@code type} named by {@code value} in any case (null for null or blank); anything else is a
	 * 400 naming the parameter and the allowed values.
	 */
	public static <E extends Enum<E>> E enumValue(String parameter, String value, Class<E> type) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			throw new Problem(HttpStatus.BAD_REQUEST, invalid(parameter,
					"'" + parameter + "' must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + " (any case)"));
		}
	}

	/** A 400 {@code /problems/invalid-request} about one query parameter. */
	private static ProblemDetail invalid(String parameter, String detail) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setType(ProblemTypes.INVALID_REQUEST);
		problem.setTitle("Invalid request");
		problem.setProperty("parameter", parameter);
		return problem;
	}

		private static String quoted(Set<String> names) {
		return String.join(", ", names.stream().map(name -> "'" + name + "'").toList());
	}
}
