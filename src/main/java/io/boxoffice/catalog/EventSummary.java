package io.boxoffice.catalog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One line of an event list, in the vocabulary search hits share (docs/api.md, "Vocabulary"). Prices are the
 * cheapest and dearest tier, in minor units; {@code startsAt} is the instant, {@code localStartsAt} the same
 * moment on the venue's clock ({@code timeZone}).
 */
public record EventSummary(long id, String name, Category category, Instant startsAt, @io.swagger.v3.oas.annotations.media.Schema(implementation = String.class, pattern = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$", example = "2027-03-01T20:00:00", description = "startsAt on the venue's clock (timeZone), no offset") LocalDateTime localStartsAt,
		String timeZone, Instant onSaleAt, VenueRef venue, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) Long minPriceCents,
		@io.swagger.v3.oas.annotations.media.Schema(nullable = true) Long maxPriceCents, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String currency) {

	/**
	 * The wall-clock time at the venue, to the second (as printed on a ticket, and the format the search index keeps);
	 * an unknown zone id (never written by the admin API) reads as UTC.
	 */
	public static LocalDateTime local(Instant instant, String timeZone) {
		return LocalDateTime.ofInstant(instant, zone(timeZone)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
	}

	static ZoneId zone(String timeZone) {
		try {
			return ZoneId.of(timeZone);
		}
		catch (RuntimeException unknown) {
			return java.time.ZoneOffset.UTC;
		}
	}
}
