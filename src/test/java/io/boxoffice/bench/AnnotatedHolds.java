package io.boxoffice.bench;

import java.net.URI;
import java.security.Principal;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.boxoffice.bench.EdgeCeilingHolds.HoldRequest;
import io.boxoffice.bench.EdgeCeilingHolds.HoldView;
import io.boxoffice.holds.SeatHolds;

/**
 * BENCHMARK ONLY (profile {@code bench}): {@code POST /api/holds} as the annotated controller it was before it became
 * a functional route, calling the same {@link SeatHolds}, so one run can compare the two ways in to one hold.
 */
@RestController
@Profile("bench")
class AnnotatedHolds {

	private final SeatHolds holds;

	AnnotatedHolds(SeatHolds holds) {
		this.holds = holds;
	}

	@PostMapping("/bench/annotated-holds")
	Mono<ResponseEntity<HoldView>> hold(@RequestBody HoldRequest request,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Principal caller) {
		return holds.hold(caller.getName(), request.eventId(), request.seatIds(), Optional.ofNullable(idempotencyKey))
			.map(hold -> ResponseEntity.created(URI.create("/api/holds/" + hold.id()))
				.cacheControl(CacheControl.noStore())
				.body(new HoldView(hold.id(), hold.eventId(), hold.seatIds(), hold.expiresAt())));
	}
}
