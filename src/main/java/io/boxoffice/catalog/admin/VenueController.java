package io.boxoffice.catalog.admin;

import java.net.URI;
import java.security.Principal;

import jakarta.validation.Valid;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Venues and their layouts; {@code /api/admin/**} needs role ADMIN (edge security). */
@RestController
@RequestMapping("/api/admin/venues")
class VenueController {

	private static final Logger log = LoggerFactory.getLogger(VenueController.class);

	private final VenueManagement venues;

	VenueController(VenueManagement venues) {
		this.venues = venues;
	}

	@PostMapping
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
	@io.swagger.v3.oas.annotations.Operation(operationId = "createVenue", summary = "Create a venue with its seat layout")
	Mono<ResponseEntity<VenueResource>> create(@Valid @RequestBody VenueRequest request, Principal admin) {
		return venues.create(request)
			.doOnNext(venue -> log.info("{} created venue {} with {} seats", admin.getName(), venue.id(), venue.capacity()))
			.map(venue -> ResponseEntity.created(URI.create("/api/admin/venues/" + venue.id())).body(venue));
	}

	@PutMapping("/{id}")
	@io.swagger.v3.oas.annotations.Operation(operationId = "updateVenue", summary = "Replace a venue")
	Mono<VenueResource> update(@PathVariable long id, @Valid @RequestBody VenueRequest request, Principal admin) {
		return venues.update(id, request)
			.doOnNext(venue -> log.info("{} updated venue {}{}", admin.getName(), id, request.sections() == null ? "" : " and its layout"));
	}

	@GetMapping("/{id}")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getVenue", summary = "One venue with its layout")
	Mono<VenueResource> find(@PathVariable long id) {
		return venues.find(id);
	}
}
