package io.boxoffice.search.internal;

import java.util.Locale;

enum SearchSort {
	RELEVANCE, DATE, DISTANCE, PRICE;

	static SearchSort parse(String value) {
		try {
			return valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException unknown) {
			throw SearchProblems.invalidParameter("sort", "'sort' must be one of relevance, date, distance, price");
		}
	}
}
