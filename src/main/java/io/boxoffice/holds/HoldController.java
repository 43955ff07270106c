package io.boxoffice.holds;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/holds}: the caller (the token's subject) holds, reads and releases their own holds. */
@RestController
@RequestMapping("/api/holds")
class HoldController {

	private final SeatHolds holds;

	HoldController(SeatHolds holds) {
		this.holds = holds;
	}

	record HoldRequest(Long eventId, List<Long> seatIds) {
	}

	record HoldView(String holdId, long eventId, List<Long> seats, Instant expiresAt) {

		static HoldView of(Hold hold) {
			return new HoldView(hold.id(), hold.eventId(), hold.seatIds(), hold.expiresAt());
		}
	}

	@PostMapping
	Mono<ResponseEntity<HoldView>> hold(@RequestBody HoldRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Principal caller) {
		if (request.eventId() == null) {
			return Mono.error(HoldProblems.invalid("eventId", "must not be null"));
		}
		return holds.request(caller.getName(), request.eventId(), request.seatIds(), Optional.ofNullable(idempotencyKey))
			.map(taken -> {
				var response = ResponseEntity.created(URI.create("/api/holds/" + taken.hold().id()))
					.cacheControl(CacheControl.noStore());
				if (taken.replayed()) {
					response.header("Idempotent-Replayed", "true");
				}
				return response.body(HoldView.of(taken.hold()));
			});
	}

	/** Someone else's hold is a 404, exactly like one that does not exist. */
	@GetMapping("/{id}")
	Mono<ResponseEntity<HoldView>> find(@PathVariable String id, Principal caller) {
		return holds.findOwned(caller.getName(), id)
			.map(hold -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(HoldView.of(hold)))
			.switchIfEmpty(Mono.error(() -> HoldProblems.holdNotFound(id)));
	}

	@DeleteMapping("/{id}")
	Mono<ResponseEntity<Void>> release(@PathVariable String id, Principal caller) {
		return holds.release(caller.getName(), id).then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build()));
	}
}
