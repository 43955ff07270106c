package io.boxoffice.tickets;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events/{id}/check-ins}: a scanner of this event (role {@code SCANNER}, or {@code SCANNER:<id>}
 * for this event only, checked at the edge) redeems a ticket's secret.
 * <p>
 * Every decided scan is a 200 whose {@code result} says admit (VALID) or not and why. A refused ticket is not a
 * failed request: the scanner asked for the door's decision and got it, one shape for every outcome, and 4xx stay
 * for requests that are wrong in themselves (a missing code, no right to scan this event), so they keep meaning
 * "fix the client" in logs and alerts. docs/tickets.md, "Check-in".
 */
@RestController
class CheckInController {

	private final CheckIns checkIns;

	CheckInController(CheckIns checkIns) {
		this.checkIns = checkIns;
	}

	record ScanRequest(@NotBlank @Size(max = 200) String secret, @Size(max = 50) String gate) {
	}

	@PostMapping("/api/events/{eventId}/check-ins")
	@io.swagger.v3.oas.annotations.Operation(operationId = "checkIn", summary = "Scan a ticket at the door: valid, already used, void, other event or unknown")
	Mono<ResponseEntity<CheckIn>> checkIn(@PathVariable long eventId, @Valid @RequestBody ScanRequest request) {
		String gate = request.gate() == null || request.gate().isBlank() ? null : request.gate().strip();
		return checkIns.checkIn(eventId, request.secret().strip(), gate)
			.map(checkIn -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(checkIn));
	}
}
