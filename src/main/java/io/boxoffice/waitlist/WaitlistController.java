package io.boxoffice.waitlist;

import java.net.URI;
import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in buyer's place on an event's waitlist (the token's subject; nobody sees another's entry). */
@RestController
@RequestMapping("/api/events/{eventId}/waitlist")
class WaitlistController {

	private final Waitlists waitlists;

	WaitlistController(Waitlists waitlists) {
		this.waitlists = waitlists;
	}

	record Join(@NotNull @Positive Integer seats, @Positive Long sectionId) {
	}

	/** 201 with the entry and its position; 409 {@code not-sold-out} while seats are free. */
	@PostMapping
	@io.swagger.v3.oas.annotations.Operation(operationId = "joinWaitlist", summary = "Join the event's waitlist (only while it is sold out)")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "On the waitlist; Location names the entry", useReturnTypeSchema = true)
	Mono<ResponseEntity<WaitlistView>> join(Principal buyer, @PathVariable long eventId, @Valid @RequestBody Join request) {
		return waitlists.join(buyer, eventId, request.seats(), request.sectionId())
			.map(view -> ResponseEntity.created(URI.create("/api/events/" + eventId + "/waitlist/me"))
				.cacheControl(CacheControl.noStore())
				.body(view));
	}

	@GetMapping
	@io.swagger.v3.oas.annotations.Operation(operationId = "getWaitlistEntry", summary = "The caller's waitlist entry: position, or the offer to book")
	Mono<ResponseEntity<WaitlistView>> mine(Principal buyer, @PathVariable long eventId) {
		return waitlists.mine(buyer.getName(), eventId)
			.map(view -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view));
	}

	/** The same entry under the name the pages use; its own operation id, so a generated client has both. */
	@GetMapping("/me")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getMyWaitlistEntry", summary = "The caller's waitlist entry (the same as GET …/waitlist)")
	Mono<ResponseEntity<WaitlistView>> me(Principal buyer, @PathVariable long eventId) {
		return mine(buyer, eventId);
	}

	@DeleteMapping
	@io.swagger.v3.oas.annotations.Operation(operationId = "leaveWaitlist", summary = "Leave the waitlist")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Left")
	Mono<ResponseEntity<Void>> leave(Principal buyer, @PathVariable long eventId) {
		return waitlists.leave(buyer.getName(), eventId).thenReturn(ResponseEntity.noContent().<Void>build());
	}
}
