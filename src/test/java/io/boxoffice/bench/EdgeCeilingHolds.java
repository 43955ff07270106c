package io.boxoffice.bench;

import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * BENCHMARK ONLY (profile {@code bench}, test classpath): a request of the hold endpoint's shape (bearer token, the
 * same JSON in and out, a validated seat list, 201 with a {@code Location}) that pays everything a hold pays at the
 * edge but grants every request without asking Redis, as an annotated controller; {@link EdgeCeilingRoute} is the
 * same as a functional route. The hold's rate against these, in one run, says how much of a hold is the edge.
 */
@RestController
@Profile("bench")
class EdgeCeilingHolds {

	private static final Duration TTL = Duration.ofMinutes(10);

	record HoldRequest(Long eventId, List<Long> seatIds) {
	}

	record HoldView(String holdId, long eventId, List<Long> seats, Instant expiresAt) {
	}

	@PostMapping("/bench/edge-holds")
	Mono<ResponseEntity<HoldView>> hold(@RequestBody HoldRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Principal caller) {
		return Mono.fromSupplier(() -> {
			HoldView view = grant(request);
			return ResponseEntity.created(URI.create("/bench/edge-holds/" + view.holdId()))
				.cacheControl(CacheControl.noStore())
				.body(view);
		});
	}

	/** What both ways in do with the request, so that they differ only in how it reaches them: check it, grant it. */
	static HoldView grant(HoldRequest request) {
		List<Long> seats = request.seatIds();
		if (request.eventId() == null || seats == null || seats.isEmpty() || new HashSet<>(seats).size() != seats.size()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "eventId and distinct seatIds are required");
		}
		String holdId = request.eventId() + "-" + UUID.randomUUID();
		return new HoldView(holdId, request.eventId(), List.copyOf(seats), Instant.now().plus(TTL));
	}
}
