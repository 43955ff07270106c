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

@RestController
@RequestMapping("/api/admin/performers")
class PerformerController {

	private static final Logger log = LoggerFactory.getLogger(PerformerController.class);

	private final Performers performers;

	PerformerController(Performers performers) {
		this.performers = performers;
	}

	@PostMapping
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created; Location names it", useReturnTypeSchema = true)
	@io.swagger.v3.oas.annotations.Operation(operationId = "createPerformer", summary = "Create a performer")
	Mono<ResponseEntity<Performers.Performer>> create(@Valid @RequestBody Performers.PerformerRequest request, Principal admin) {
		return performers.create(request)
			.doOnNext(performer -> log.info("{} created performer {}", admin.getName(), performer.id()))
			.map(performer -> ResponseEntity.created(URI.create("/api/admin/performers/" + performer.id())).body(performer));
	}

	@PutMapping("/{id}")
	@io.swagger.v3.oas.annotations.Operation(operationId = "updatePerformer", summary = "Replace a performer")
	Mono<Performers.Performer> update(@PathVariable long id, @Valid @RequestBody Performers.PerformerRequest request,
			Principal admin) {
		return performers.update(id, request).doOnNext(performer -> log.info("{} updated performer {}", admin.getName(), id));
	}

	@GetMapping("/{id}")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getPerformer", summary = "One performer")
	Mono<Performers.Performer> find(@PathVariable long id) {
		return performers.find(id);
	}
}
