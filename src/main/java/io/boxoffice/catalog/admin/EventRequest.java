package io.boxoffice.catalog.admin;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import io.boxoffice.catalog.Category;

/**
 * An event's editable fields. {@code performerIds} are in billing order (headliner first). Each price tier names
 * one section of the venue, by {@code sectionId} or by {@code sectionName}; a section without a tier is not sold.
 * One event sells in one currency.
 */
record EventRequest(
		@NotNull @Positive Long venueId,
		@NotBlank @Size(max = 200) String name,
		@Size(max = 5000) String description,
		@NotNull Category category,
		@NotNull Instant startsAt,
		@NotNull Instant onSaleAt,
		@Pattern(regexp = "OFF|ON|AUTO", message = "must be OFF, ON or AUTO") String queueMode,
		@Size(max = 20) List<@NotNull @Positive Long> performerIds,
		@NotEmpty @Size(max = 1000) List<@NotNull @Valid PriceTier> priceTiers) {

	@io.swagger.v3.oas.annotations.media.Schema(name = "EventRequestPriceTier")
	record PriceTier(@Positive Long sectionId, @Size(min = 1, max = 100) String sectionName,
			@NotNull @PositiveOrZero @Max(100_000_000) Integer priceCents,
			@NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be a three-letter ISO 4217 code such as GBP") String currency) {
	}

	List<Long> performers() {
		return performerIds == null ? List.of() : performerIds;
	}

	String descriptionOrEmpty() {
		return description == null ? "" : description;
	}

	String queueModeOrDefault() {
		return queueMode == null ? "OFF" : queueMode;
	}
}
