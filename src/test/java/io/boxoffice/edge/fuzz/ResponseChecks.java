package io.boxoffice.edge.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every answer to a hostile request must be: no 5xx but the deliberate 503 sheds (which carry
 * {@code Retry-After}), every 4xx a problem+json, and no body that names an internal type or echoes a secret the
 * request carried.
 */
public final class ResponseChecks {

	/** Internal names: our packages, the JDK's, Jackson's, inner classes ({@code $HoldRequest}), exceptions. */
	public static final Pattern INTERNALS = Pattern.compile("io\\.boxoffice|java\\.|tools\\.jackson|com\\.fasterxml|\\$[A-Z]|Exception");

	private ResponseChecks() {
	}

	/** What is wrong with this answer to this request; empty when nothing is. */
	public static List<String> problems(FuzzRequest request, RawHttp.Response response) {
		var problems = new ArrayList<String>();
		int status = response.status();
		if (status < 0) {
			problems.add("no answer: " + response.failure());
			return problems;
		}
		boolean shed = status == 503 && response.header("Retry-After") != null;
		if (status >= 500 && !shed) {
			problems.add("status " + status + (status == 503 ? " without Retry-After" : ""));
		}
		boolean hasBody = !"HEAD".equals(request.method());
		if (status >= 400 && hasBody) {
			String type = response.header("Content-Type");
			if (type == null || !type.startsWith("application/problem+json")) {
				problems.add("a " + status + " that is not application/problem+json but " + type);
			}
		}
		if (status >= 400) {
			Matcher internal = INTERNALS.matcher(response.text());
			if (internal.find()) {
				problems.add("names an internal type: '" + internal.group() + "' in …"
						+ FuzzRequest.excerpt(around(response.text(), internal.start()), 200) + "…");
			}
		}
		String whole = response.whole();
		for (String secret : request.secrets()) {
			for (String part : secretParts(secret)) {
				if (whole.contains(part)) {
					problems.add("echoes a secret the request carried (" + FuzzRequest.excerpt(part, 16) + ")");
					break;
				}
			}
		}
		return problems;
	}

	private static List<String> secretParts(String secret) {
		var parts = new ArrayList<String>();
		parts.add(secret);
		for (String part : secret.split("\\.")) {
			if (part.length() >= 16 && !part.equals(secret)) {
				parts.add(part);
			}
		}
		return parts;
	}

	private static String around(String text, int at) {
		return text.substring(Math.max(0, at - 80), Math.min(text.length(), at + 100));
	}
}
