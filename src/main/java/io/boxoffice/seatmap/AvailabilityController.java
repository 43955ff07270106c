package io.boxoffice.seatmap;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.boxoffice.catalog.CatalogProblems;
import io.boxoffice.catalog.SeatPrices;
import io.boxoffice.holds.SeatStates;

/**
 * {@code GET /api/events/{id}/availability}: the same snapshot the live seat map starts with (held and sold seats
 * from Redis at one version), for clients without a WebSocket. Never cached: it is live.
 */
@RestController
class AvailabilityController {

	private final SeatStates seatStates;
	private final SeatPrices events;

	AvailabilityController(SeatStates seatStates, SeatPrices events) {
		this.seatStates = seatStates;
		this.events = events;
	}

	record Availability(long version, List<Long> held, List<Long> sold) {
	}

	@GetMapping("/api/events/{id}/availability")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getAvailability", summary = "Sold and held seats of an event and its version")
	Mono<ResponseEntity<Availability>> availability(@PathVariable long id) {
		return events.quote(id, List.of())
			.switchIfEmpty(Mono.error(() -> CatalogProblems.eventNotFound(id)))
			.then(seatStates.snapshot(id))
			.map(snapshot -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(new Availability(snapshot.version(), snapshot.held(), snapshot.sold())));
	}

}
