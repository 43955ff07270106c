package io.boxoffice.queue;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The waiting room for signed-in buyers: join an event's queue, read (poll) or leave one's place, claim the admission
 * token once admitted. The live position is pushed by {@link QueueSocket}; polling is the fallback and says when to
 * ask again in {@code Retry-After}.
 */
@RestController
class QueueController {

	private final WaitingRoom room;

	QueueController(WaitingRoom room) {
		this.room = room;
	}

	@PostMapping("/api/events/{eventId}/queue")
	@io.swagger.v3.oas.annotations.Operation(operationId = "joinQueue", summary = "Join an event's waiting room")
	Mono<ResponseEntity<Place>> join(@PathVariable long eventId, Principal user) {
		return room.join(user.getName(), eventId).map(QueueController::answer);
	}

	@GetMapping("/api/queue/{ticket}")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getQueuePlace", summary = "The caller's place in the waiting room")
	Mono<ResponseEntity<Place>> place(@PathVariable String ticket, Principal user) {
		return room.place(ticket, user.getName()).map(QueueController::answer);
	}

	@DeleteMapping("/api/queue/{ticket}")
	@io.swagger.v3.oas.annotations.Operation(operationId = "leaveQueue", summary = "Leave the waiting room")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "204", description = "Left")
	Mono<ResponseEntity<Void>> leave(@PathVariable String ticket, Principal user) {
		return room.leave(ticket, user.getName()).then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
	}

	@PostMapping("/api/queue/{ticket}/claim")
	@io.swagger.v3.oas.annotations.Operation(operationId = "claimAdmission", summary = "Claim the admission token once admitted")
	Mono<ResponseEntity<WaitingRoom.Token>> claim(@PathVariable String ticket, Principal user) {
		return room.claim(ticket, user.getName())
			.map(token -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(token));
	}

	private static ResponseEntity<Place> answer(Place place) {
		var response = ResponseEntity.ok().cacheControl(CacheControl.noStore());
		if (place.state() == Place.State.WAITING) {
			response.header(HttpHeaders.RETRY_AFTER, Long.toString(place.retryAfterSeconds()));
		}
		return response.body(place);
	}
}
