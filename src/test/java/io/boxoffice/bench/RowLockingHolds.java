package io.boxoffice.bench;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * BENCHMARK ONLY (profile {@code bench}, test classpath): {@link RowLockingSeats} over HTTP, as the baseline for
 * {@code loadtest/bench-holds.sh}, behind the same edge (security, JSON) as {@code POST /api/holds}.
 */
@RestController
@Profile("bench")
class RowLockingHolds {

	private final RowLockingSeats seats;

	RowLockingHolds(RowLockingSeats seats) {
		this.seats = seats;
	}

	record HoldRequest(long eventId, List<Long> seatIds) {
	}

	@PostMapping("/bench/pg-holds/events/{eventId}")
	Mono<Map<String, Long>> prepare(@PathVariable long eventId) {
		return seats.prepare(eventId).map(rows -> Map.of("seats", rows));
	}

	@PostMapping("/bench/pg-holds")
	Mono<ResponseEntity<Map<String, Object>>> hold(Principal user, @RequestBody HoldRequest request) {
		return seats.hold(user.getName(), request.eventId(), request.seatIds())
			.map(held -> held
					? ResponseEntity.status(HttpStatus.CREATED).body(Map.<String, Object>of("eventId", request.eventId(), "seats", request.seatIds()))
					: ResponseEntity.status(HttpStatus.CONFLICT).body(Map.<String, Object>of("type", "/problems/seats-unavailable")));
	}

	@DeleteMapping("/bench/pg-holds/{eventId}/{seatIds}")
	Mono<ResponseEntity<Void>> release(Principal user, @PathVariable long eventId, @PathVariable List<Long> seatIds) {
		return seats.release(user.getName(), eventId, seatIds).thenReturn(ResponseEntity.noContent().<Void>build());
	}
}
