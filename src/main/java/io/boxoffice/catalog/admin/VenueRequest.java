package io.boxoffice.catalog.admin;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A venue and, optionally, its layout. On create the layout is required; on update, leaving {@code sections}
 * out keeps the layout as it is, and sending it replaces the layout (see {@link Venues#update}).
 *
 * <p>A section lists its seats one by one ({@code seats}, any shape) and/or as straight rows ({@code rows}: seat
 * {@code first + i} at {@code (x + i*dx, y + i*dy)} for {@code i < count}), which keeps a 20,000-seat arena's
 * request small. Coordinates are in seat units, as the seat map draws them.
 */
record VenueRequest(
		@NotBlank @Size(max = 200) String name,
		@NotBlank @Size(max = 100) String city,
		@NotNull @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 two-letter country code such as GB") String country,
		@NotNull @DecimalMin("-90") @DecimalMax("90") Double lat,
		@NotNull @DecimalMin("-180") @DecimalMax("180") Double lon,
		@NotBlank @Size(max = 64) String timezone,
		@Valid Stage stage,
		@Size(max = 1000) List<@NotNull @Valid Section> sections) {

	@io.swagger.v3.oas.annotations.media.Schema(name = "VenueRequestStage")
	record Stage(@NotNull Double x, @NotNull Double y, @NotNull @Positive Double width, @NotNull @Positive Double height,
			@Size(max = 60) String label) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "VenueRequestSection")
	record Section(@NotBlank @Size(max = 100) String name, List<Seat> seats, List<@NotNull @Valid Row> rows) {
	}

	/**
	 * Checked by {@link Layout}, not by bean validation: cascading into 20,000 seats costs Hibernate Validator
	 * hundreds of milliseconds, a plain loop well under one. The errors read the same.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "VenueRequestSeat")
	record Seat(String row, Integer number, Double x, Double y) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "VenueRequestRow")
	record Row(@NotBlank @Size(max = Layout.MAX_ROW_LABEL) String row, @Positive Integer first, @NotNull @Min(1) @Max(1000) Integer count,
			@NotNull Double x, @NotNull Double y, Double dx, Double dy) {

		int firstNumber() {
			return first == null ? 1 : first;
		}

		double stepX() {
			return dx == null ? 1.0 : dx;
		}

		double stepY() {
			return dy == null ? 0.0 : dy;
		}
	}
}
