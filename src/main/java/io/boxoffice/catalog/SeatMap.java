package io.boxoffice.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The drawable layout of an event's venue: sections with their price, rows, and every seat with its
 * id and x/y. Immutable for an event (its version only changes with the catalog), so it is cached hard;
 * live seat status is a separate, small resource.
 */
public record SeatMap(long eventId, long venueId, long version, Bounds bounds,
		@io.swagger.v3.oas.annotations.media.Schema(nullable = true) Stage stage, List<Section> sections) {

	@io.swagger.v3.oas.annotations.media.Schema(name = "SeatMapBounds")
	public record Bounds(float minX, float minY, float maxX, float maxY) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "SeatMapStage")
	public record Stage(double x, double y, double width, double height, String label) {
	}

	/** A section; {@code priceCents} is null where the event sells no seats in it. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "SeatMapSection")
	public record Section(long id, String name, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) Long priceCents,
			@io.swagger.v3.oas.annotations.media.Schema(nullable = true) String currency, List<Row> rows) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "SeatMapRow")
	public record Row(String label, List<Seat> seats) {
	}

	/**
	 * Written as a JSON array {@code [id, number, x, y]}: an arena has 20,000 seats, and arrays halve
	 * the payload compared with objects.
	 */
	@JsonFormat(shape = JsonFormat.Shape.ARRAY)
	@JsonPropertyOrder({ "id", "number", "x", "y" })
	@io.swagger.v3.oas.annotations.media.Schema(name = "SeatMapSeat")
	public record Seat(long id, int number, float x, float y) {
	}
}
