package io.boxoffice.edge.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * The hostile values the generator draws from, by kind. None contains a {@code $} followed by a capital, "java.",
 * "Exception" or a package name, so finding one of those in a response means the service wrote it, not that it
 * echoed our input.
 */
final class HostileValues {

	/** Path segments, already percent-encoded where they need to be. */
	static final List<String> IDS = List.of("0", "-1", "1", "9223372036854775807", "9223372036854775808",
			"-9223372036854775809", "99999999999999999999999999", "1e3", "0x10", "1.5", "NaN", "Infinity", "abc", "%20%20",
			"%20", "%00", "a%00b", "%ff%fe", "%C3%A9t%C3%A9", "%E2%80%AE", "%F0%9F%8E%AB", "%2e%2e", "..%2F..", "%2F", "%",
			"%zz", "%e9", "null", "undefined", "%7Bid%7D", "%5B%5D", "'%20OR%201=1--", "1%0d%0aX-Injected:%20yes",
			"00000000-0000-0000-0000-000000000000", "not-a-uuid", "h-", "h-" + "9".repeat(40), "a".repeat(300),
			"1".repeat(100), "%09", "+1", "01", "1;x=y", "~", "%3Cscript%3E");

	/** Query parameter values, percent-encoded. */
	static final List<String> QUERY_VALUES = List.of("", "%00", "NaN", "-NaN", "Infinity", "-Infinity", "1e309", "-1e309",
			"9223372036854775808", "-9223372036854775809", "0", "-1", "-0", "4.9e-324", "1.7976931348623157E308", "0x1p3",
			"true", "TRUE", "yes", "%20", "%2C%2C", "1%2C2", "91%2C181", "NaN%2CNaN", "51.5%2CNaN", "a".repeat(250),
			"%C3%A9", "%F0%9F%8E%AB", "%ED%A0%80", "%ff", "%", "%zz", "+999999999-12-31T23:59:59Z",
			"2026-02-30", "0000-00-00", "-999999999-01-01T00:00:00Z", "2026-13-01", "relevance", "DISTANCE", "price",
			"nonsense", "%5B%5D", "%7B%7D", "null", "%0d%0a", "%3Cscript%3E");

	/** Strings for JSON fields. */
	static final List<String> STRINGS = List.of("", " ", "\u0000", "a\u0000b", "\uFEFF", "\u202Eevil", "🎫🎫🎫", "é",
			"\uD800", "\uDFFF", "x".repeat(5_000), "x".repeat(70_000), "<script>alert(1)</script>", "' OR 1=1 --",
			"null", "NaN", "-1", "1e309", "\n\r\t", "ÿþ", "\u0085", "GBP ", "gb", "ZZZ");

	/** Raw JSON numbers. */
	static final List<String> NUMBERS = List.of("0", "-1", "-0", "1.5", "1e309", "-1e309", "9223372036854775807",
			"9223372036854775808", "-9223372036854775809", "1" + "0".repeat(400), "1e999999999", "1E-999999999",
			"4.9e-324", "1.7976931348623157E308", "2147483648", "-2147483649", "0.1", "00012", "NaN", "Infinity", "-Infinity",
			"1.", ".5", "+1", "0x10");

	/** Raw JSON values for instants. */
	static final List<String> DATES = List.of("\"+999999999-12-31T23:59:59Z\"", "\"-999999999-01-01T00:00:00Z\"",
			"\"+294277-01-01T00:00:00Z\"", "\"-4714-11-23T00:00:00Z\"", "\"0000-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999999999Z\"",
			"\"2026-02-30T00:00:00Z\"", "\"2026-13-01T00:00:00Z\"", "\"2026-06-01T25:00:00Z\"", "\"2026-06-01\"", "\"now\"",
			"\"2030-06-01T00:00:00+25:00\"", "\"1970-01-01T00:00:00Z\"", "1e20", "-62167219200", "99999999999999999999", "\"\"",
			"1.5", "[2030,1,1]", "\"2030-01-01T00:00:00Z\u0000\"");

	private HostileValues() {
	}

	static <T> T pick(Random random, List<T> values) {
		return values.get(random.nextInt(values.size()));
	}

	/**
	 * Search cursors: NaN and infinities where a number belongs, the wrong number and kinds of values for the sort,
	 * another sort's cursor, and garbage; each must be a 400 naming {@code after}, and never trip the search breaker.
	 */
	static String cursor(Random random) {
		String plain = pick(random, List.of("DATE\ndNaN\nl1", "RELEVANCE\ndNaN\nl1\nl2", "DISTANCE\ndNaN\nl1\nl2",
				"PRICE\ndNaN\nl1\nl2", "DATE\ndInfinity\nl1", "DATE\nd-Infinity\nl1", "DATE\nl1", "DATE\nl1\nl2\nl3\nl4",
				"DATE\nsabc\nl1", "DATE\nsNaN\nl1", "DATE\nn\nn", "PRICE\nn\nn\nn", "RELEVANCE\nl1\nl2", "DATE\nd1e308\nl1",
				"DATE\nl9223372036854775807\nl-9223372036854775808", "DATE\n\n", "DATE", "RELEVANCE\ns\u0000\nl1\nl2",
				"DATE\nx1\nl1", "NOSUCHSORT\nl1\nl2", "DATE\nl1\nl2\n"));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	static String uuid(Random random) {
		return new UUID(random.nextLong(), random.nextLong()).toString();
	}
}
