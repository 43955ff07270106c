package io.boxoffice.holds;

import java.util.Locale;

/** What a seat became in one change. Every seat that is not held or sold is free. */
public enum SeatStatus {

	HELD, FREE, SOLD;

	/** The word the change stream stores, and the live seat map's messages use: {@code held}, {@code free}, {@code sold}. */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	static SeatStatus ofWord(String word) {
		return valueOf(word.toUpperCase(Locale.ROOT));
	}
}
