package io.boxoffice.catalog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Everything the event page shows above the seat map. {@code localStartsAt} is {@code startsAt} on the venue's clock,
 * {@code timeZone} the venue's zone ({@code venue.timezone}, kept for older clients).
 */
public record EventDetails(long id, String name, String description, Category category, Instant startsAt,
		@io.swagger.v3.oas.annotations.media.Schema(implementation = String.class, pattern = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$", example = "2027-03-01T20:00:00", description = "startsAt on the venue's clock (timeZone), no offset") LocalDateTime localStartsAt, String timeZone, Instant onSaleAt, boolean onSale, String queueMode, long version, Venue venue, List<Performer> performers,
		List<PriceTier> priceTiers, AvailabilityCounts availability) {

	@io.swagger.v3.oas.annotations.media.Schema(name = "EventVenue")
	public record Venue(long id, String name, String city, String country, double lat, double lon, String timezone) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "EventPerformer")
	public record Performer(long id, String name, String genre) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "EventPriceTier")
	public record PriceTier(long sectionId, String section, long priceCents, String currency) {
	}

	/**
	 * Seat counts; {@code available} is capacity minus sold minus held. {@code held} is null when Redis, where holds
	 * live, could not be asked; {@code available} is then capacity minus sold (an upper bound).
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "AvailabilityCounts")
	public record AvailabilityCounts(long capacity, long sold, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) Long held, long available) {
	}
}
