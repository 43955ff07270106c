package io.boxoffice.catalog.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.boxoffice.catalog.SeatMap;

/**
 * A venue as the admin API returns it: attributes, capacity and the layout, seats as {@code [id, number, x, y]}.
 * Writes answer without the seats ({@code rows} absent): an arena's 20,000 seats would double the request's
 * cost to repeat what the caller just sent; {@code GET} has them.
 */
record VenueResource(long id, String name, String city, String country, double lat, double lon, String timezone,
		SeatMap.Stage stage, long capacity, List<Section> sections) {

	@io.swagger.v3.oas.annotations.media.Schema(name = "VenueResourceSection")
	record Section(long id, String name, int seatCount, @JsonInclude(JsonInclude.Include.NON_NULL) List<SeatMap.Row> rows) {
	}
}
