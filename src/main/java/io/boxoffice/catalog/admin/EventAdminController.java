package io.boxoffice.catalog.admin;

import java.net.URI;
import java.security.Principal;

import jakarta.validation.Valid;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.boxoffice.catalog.EventDetails;

/** Events; the response is the event as {@code GET /api/events/{id}} shows it, read after the commit. */
@RestController
@RequestMapping("/api/admin/events")
class EventAdminController {

	private static final Logger log = LoggerFactory.getLogger(EventAdminController.class);

	private final EventManagement events;

	EventAdminController(EventManagement events) {
		this.events = events;
	}

	@PostMapping
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
	@io.swagger.v3.oas.annotations.Operation(operationId = "createEvent", summary = "Create an event")
	Mono<ResponseEntity<EventDetails>> create(@Valid @RequestBody EventRequest request, Principal admin) {
		return events.create(request)
			.doOnNext(event -> log.info("{} created event {}", admin.getName(), event.id()))
			.map(event -> ResponseEntity.created(URI.create("/api/events/" + event.id())).body(event));
	}

	@PutMapping("/{id}")
	@io.swagger.v3.oas.annotations.Operation(operationId = "updateEvent", summary = "Replace an event (bumps its version)")
	Mono<EventDetails> update(@PathVariable long id, @Valid @RequestBody EventRequest request, Principal admin) {
		return events.update(id, request)
			.doOnNext(event -> log.info("{} updated event {} to version {}", admin.getName(), id, event.version()));
	}
}
