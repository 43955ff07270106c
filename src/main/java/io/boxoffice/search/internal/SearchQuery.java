package io.boxoffice.search.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

import org.springframework.util.MultiValueMap;

import io.boxoffice.catalog.Category;
import io.boxoffice.edge.QueryParameters;

/**
 * A validated search request. Every parameter is checked here, and a bad one is a 400 problem naming
 * it. {@link #cacheKey()} is the normalized form, so equivalent requests share a cache entry.
 *
 * @param from inclusive instant; now when neither {@code from} nor {@code fromDate} is given (only upcoming events)
 * @param to exclusive instant
 * @param fromDate the first local day at the venue ({@code from=2026-12-24}), instead of {@code from}
 * @param toDate the last local day at the venue, inclusive ({@code to=2026-12-24} includes that whole day where the
 *        event is)
 * @param minPrice events with some ticket at or above this many cents
 * @param maxPrice events with some ticket at or below this many cents
 */
record SearchQuery(String q, String city, Double lat, Double lon, Double radiusKm, Category category, Instant from,
		Instant to, LocalDate fromDate, LocalDate toDate, Long minPrice, Long maxPrice, Boolean available, SearchSort sort,
		int size, SearchCursor after) {

	static final int MAX_QUERY_LENGTH = 200;

	/**
	 * What {@code GET /api/search} reads; anything else is a 400 naming it. {@code minPrice}, {@code maxPrice} and
	 * {@code after} are the older names of {@code minPriceCents}, {@code maxPriceCents} and {@code cursor}.
	 */
	static final Set<String> PARAMETERS = Set.of("q", "city", "near", "radiusKm", "category", "from", "to", "minPriceCents",
			"maxPriceCents", "minPrice", "maxPrice", "available", "sort", "size", "cursor", "after");

	/** The latest UTC offset in use (Kiribati): no place on earth has begun a local day before it began there. */
	private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);
	/** The earliest UTC offset in use: no place on earth still has a local day after it ended there. */
	private static final ZoneOffset LATEST_ZONE = ZoneOffset.ofHours(-12);

	static SearchQuery parse(MultiValueMap<String, String> params, SearchSettings settings, Clock clock) {
		QueryParameters.requireKnown(params, PARAMETERS);
		String q = text(params, "q", MAX_QUERY_LENGTH);
		String city = text(params, "city", 100);
		Double lat = null;
		Double lon = null;
		String near = single(params, "near");
		if (near != null) {
			String[] parts = near.split(",");
			if (parts.length != 2) {
				throw SearchProblems.invalidParameter("near", "'near' must be 'lat,lon', e.g. near=51.5,-0.12");
			}
			lat = number(parts[0], "near", -90, 90);
			lon = number(parts[1], "near", -180, 180);
		}
		String radius = single(params, "radiusKm");
		Double radiusKm = radius == null ? null : number(radius, "radiusKm", 0.001, 20_000);
		if (radiusKm != null && near == null) {
			throw SearchProblems.invalidParameter("radiusKm", "'radiusKm' needs 'near' (the centre of the circle)");
		}
		Category category = QueryParameters.enumValue("category", single(params, "category"), Category.class);
		Object fromValue = instantOrDate(single(params, "from"), "from");
		Object toValue = instantOrDate(single(params, "to"), "to");
		Instant from = fromValue instanceof Instant instant ? instant : null;
		LocalDate fromDate = fromValue instanceof LocalDate date ? date : null;
		Instant to = toValue instanceof Instant instant ? instant : null;
		LocalDate toDate = toValue instanceof LocalDate date ? date : null;
		if (from == null && fromDate == null) {
			from = clock.instant();
		}
		// The earliest and latest instants the range can contain, anywhere on earth, to refuse an empty range.
		Instant earliest = from != null ? from : fromDate.atStartOfDay(EARLIEST_ZONE).toInstant();
		Instant latest = to != null ? to : toDate == null ? null : toDate.plusDays(1).atStartOfDay(LATEST_ZONE).toInstant();
		if (latest != null && !latest.isAfter(earliest)) {
			throw SearchProblems.invalidParameter("to", "'to' must be after 'from' (which defaults to now)");
		}
		String minName = params.containsKey("minPrice") ? "minPrice" : "minPriceCents";
		String maxName = params.containsKey("maxPrice") ? "maxPrice" : "maxPriceCents";
		Long minPrice = cents(aliased(params, "minPriceCents", "minPrice"), minName);
		Long maxPrice = cents(aliased(params, "maxPriceCents", "maxPrice"), maxName);
		if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
			throw SearchProblems.invalidParameter(maxName, "'" + maxName + "' must not be below '" + minName + "'");
		}
		Boolean available = bool(single(params, "available"), "available");
		String sortValue = single(params, "sort");
		SearchSort sort = sortValue == null ? (q == null ? SearchSort.DATE : SearchSort.RELEVANCE) : SearchSort.parse(sortValue);
		if (sort == SearchSort.DISTANCE && near == null) {
			throw SearchProblems.invalidParameter("sort", "'sort=distance' needs 'near'");
		}
		int size = size(single(params, "size"), settings);
		String afterValue = aliased(params, "cursor", "after");
		SearchCursor after = afterValue == null ? null : SearchCursor.decode(afterValue, sort, params.containsKey("after") ? "after" : "cursor");
		return new SearchQuery(q, city, lat, lon, radiusKm, category, from, to, fromDate, toDate, minPrice, maxPrice, available, sort,
				size, after);
	}

	/** The normalized request; {@code from} defaults to "now", so it is rounded to the minute to let caching work. */
	String cacheKey() {
		String fromMinute = from == null ? "" : Instant.ofEpochSecond(from.getEpochSecond() / 60 * 60).toString();
		return String.join("|", q == null ? "" : q.toLowerCase(Locale.ROOT), city == null ? "" : city.toLowerCase(Locale.ROOT),
				String.valueOf(lat), String.valueOf(lon), String.valueOf(radiusKm), String.valueOf(category),
				fromMinute, String.valueOf(to), String.valueOf(fromDate), String.valueOf(toDate), String.valueOf(minPrice), String.valueOf(maxPrice),
				String.valueOf(available), sort.name(), Integer.toString(size), after == null ? "" : after.encode());
	}

	private static String single(MultiValueMap<String, String> params, String name) {
		var values = params.get(name);
		if (values == null || values.isEmpty()) {
			return null;
		}
		if (values.size() > 1) {
			throw SearchProblems.invalidParameter(name, "'" + name + "' may be given only once");
		}
		String value = values.get(0); // null for a bare name ("?q"), which says as little as "?q="
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static String text(MultiValueMap<String, String> params, String name, int maxLength) {
		String value = single(params, name);
		if (value != null && value.length() > maxLength) {
			throw SearchProblems.invalidParameter(name, "'" + name + "' may be at most " + maxLength + " characters");
		}
		return value;
	}

	private static double number(String value, String name, double min, double max) {
		try {
			double number = Double.parseDouble(value.trim());
			if (Double.isNaN(number) || number < min || number > max) {
				throw new NumberFormatException("out of range");
			}
			return number;
		}
		catch (NumberFormatException bad) {
			throw SearchProblems.invalidParameter(name, "'" + name + "' must be a number between " + min + " and " + max);
		}
	}

	/** The value of the canonical name, or of its older alias; both at once is a 400. */
	private static String aliased(MultiValueMap<String, String> params, String name, String alias) {
		if (params.containsKey(name) && params.containsKey(alias)) {
			throw SearchProblems.invalidParameter(alias, "'" + alias + "' is the older name of '" + name + "': give only one");
		}
		return params.containsKey(alias) ? single(params, alias) : single(params, name);
	}

	/** An {@link Instant} (a moment) or a {@link LocalDate} (a day at the venue). */
	private static Object instantOrDate(String value, String name) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException notAnInstant) {
			try {
				return LocalDate.parse(value);
			}
			catch (DateTimeParseException notADate) {
				throw SearchProblems.invalidParameter(name,
						"'" + name + "' must be a date (2026-12-24) or an instant (2026-12-24T19:30:00Z)");
			}
		}
	}

	private static Long cents(String value, String name) {
		if (value == null) {
			return null;
		}
		try {
			long cents = Long.parseLong(value);
			if (cents < 0) {
				throw new NumberFormatException("negative");
			}
			return cents;
		}
		catch (NumberFormatException bad) {
			throw SearchProblems.invalidParameter(name, "'" + name + "' must be a whole number of cents, 0 or more");
		}
	}

	private static Boolean bool(String value, String name) {
		if (value == null) {
			return null;
		}
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw SearchProblems.invalidParameter(name, "'" + name + "' must be true or false");
		};
	}

	private static int size(String value, SearchSettings settings) {
		if (value == null) {
			return settings.defaultSize();
		}
		try {
			int size = Integer.parseInt(value);
			if (size < 1 || size > settings.maxSize()) {
				throw new NumberFormatException("out of range");
			}
			return size;
		}
		catch (NumberFormatException bad) {
			throw SearchProblems.invalidParameter("size", "'size' must be a whole number from 1 to " + settings.maxSize());
		}
	}
}
