package io.boxoffice.edge.internal;

import java.time.Clock;
import java.time.Instant;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server's clock, so a browser can correct its own when it counts down a hold's expiry. Also the
 * cheapest route through the whole edge (security, rate limits, JSON), which makes it the ceiling that
 * benchmarks compare real routes against.
 */
@RestController
class ServerTimeController {

	private final Clock clock;

	ServerTimeController(Clock clock) {
		this.clock = clock;
	}

	record ServerTime(Instant now) {
	}

	@GetMapping("/api/time")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getServerTime", summary = "The server's clock, for countdowns")
	ResponseEntity<ServerTime> now() {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new ServerTime(clock.instant()));
	}
}
