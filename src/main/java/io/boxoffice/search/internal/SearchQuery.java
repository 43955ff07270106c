package io.boxoffice.search.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.springframework.util.MultiValueMap;

import io.boxoffice.catalog.Category;

/**
 * A validated search request. Every parameter is checked here, and a bad one is a 400 problem naming
 * it. {@link #cacheKey()} is the normalized form, so equivalent requests share a cache entry.
 *
 * @param from inclusive; defaults to now (only upcoming events)
 * @param to exclusive (a date {@code to=2026-12-24} includes that whole day, UTC)
 * @param minPrice events with some ticket at or above this many cents
 * @param maxPrice events with some ticket at or below this many cents
 */
record SearchQuery(String q, String city, Double lat, Double lon, Double radiusKm, Category category, Instant from,
		Instant to, Long minPrice, Long maxPrice, Boolean available, SearchSort sort, int size, SearchCursor after) {

	static final int MAX_QUERY_LENGTH = 200;

	static SearchQuery parse(MultiValueMap<String, String> params, SearchSettings settings, Clock clock) {
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
		Category category = category(single(params, "category"));
		Instant from = instant(single(params, "from"), "from", false);
		Instant to = instant(single(params, "to"), "to", true);
		if (from == null) {
			from = clock.instant();
		}
		if (to != null && !to.isAfter(from)) {
			throw SearchProblems.invalidParameter("to", "'to' must be after 'from' (which defaults to now)");
		}
		Long minPrice = cents(single(params, "minPrice"), "minPrice");
		Long maxPrice = cents(single(params, "maxPrice"), "maxPrice");
		if (minPrice != null && maxPrice != null && minPrice > maxPrice) {
			throw SearchProblems.invalidParameter("maxPrice", "'maxPrice' must not be below 'minPrice'");
		}
		Boolean available = bool(single(params, "available"), "available");
		String sortValue = single(params, "sort");
		SearchSort sort = sortValue == null ? (q == null ? SearchSort.DATE : SearchSort.RELEVANCE) : SearchSort.parse(sortValue);
		if (sort == SearchSort.DISTANCE && near == null) {
			throw SearchProblems.invalidParameter("sort", "'sort=distance' needs 'near'");
		}
		int size = size(single(params, "size"), settings);
		String afterValue = single(params, "after");
		SearchCursor after = afterValue == null ? null : SearchCursor.decode(afterValue, sort);
		return new SearchQuery(q, city, lat, lon, radiusKm, category, from, to, minPrice, maxPrice, available, sort, size, after);
	}

	/** The normalized request; {@code from} defaults to "now", so it is rounded to the minute to let caching work. */
	String cacheKey() {
		Instant fromMinute = Instant.ofEpochSecond(from.getEpochSecond() / 60 * 60);
		return String.join("|", q == null ? "" : q.toLowerCase(Locale.ROOT), city == null ? "" : city.toLowerCase(Locale.ROOT),
				String.valueOf(lat), String.valueOf(lon), String.valueOf(radiusKm), String.valueOf(category),
				fromMinute.toString(), String.valueOf(to), String.valueOf(minPrice), String.valueOf(maxPrice),
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

	private static Category category(String value) {
		if (value == null) {
			return null;
		}
		try {
			return Category.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			throw SearchProblems.invalidParameter("category", "'category' must be one of " + java.util.Arrays.toString(Category.values()));
		}
	}

	private static Instant instant(String value, String name, boolean endOfDay) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException notAnInstant) {
			try {
				LocalDate day = LocalDate.parse(value);
				return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
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
