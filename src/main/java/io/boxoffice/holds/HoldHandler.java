package io.boxoffice.holds;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

import io.boxoffice.edge.QueryParameters;

/**
 * {@code /api/holds} (routed by {@link HoldRoutes}): the caller, the token's subject, holds, reads and releases
 * their own holds.
 */
@Component
class HoldHandler {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";
	static final String ADMISSION_TOKEN = "Admission-Token";

	private final SeatHolds holds;

	HoldHandler(SeatHolds holds) {
		this.holds = holds;
	}

	record HoldRequest(Long eventId, List<Long> seatIds) {
	}

	record HoldView(String holdId, long eventId, List<Long> seats, Instant expiresAt) {

		static HoldView of(Hold hold) {
			return new HoldView(hold.id(), hold.eventId(), hold.seatIds(), hold.expiresAt());
		}
	}

	/** {@code POST /api/holds}: 201 with the hold and its {@code Location}; a retry with the same key replays it. */
	Mono<ServerResponse> hold(ServerRequest request) {
		Optional<String> idempotencyKey = request.headers().header(IDEMPOTENCY_KEY).stream().findFirst();
		String admissionToken = request.headers().firstHeader(ADMISSION_TOKEN);
		return caller(request).zipWith(body(request)).flatMap(callerAndBody -> {
			HoldRequest body = callerAndBody.getT2();
			if (body.eventId() == null) {
				return Mono.error(HoldProblems.invalid("eventId", "must not be null"));
			}
			return holds.request(callerAndBody.getT1(), body.eventId(), body.seatIds(), idempotencyKey, admissionToken);
		}).flatMap(taken -> {
			var response = ServerResponse.created(URI.create("/api/holds/" + taken.hold().id()));
			if (taken.replayed()) {
				response.header("Idempotent-Replayed", "true");
			}
			return json(response, HoldView.of(taken.hold()));
		});
	}

	/** The caller's live holds ({@code GET /api/holds}): no paging, a buyer has few at a time. */
	record HoldList(List<HoldView> items) {
	}

	/** {@code GET /api/holds}: the caller's live holds, soonest expiry first; no query parameters. */
	Mono<ServerResponse> list(ServerRequest request) {
		return caller(request).flatMap(caller -> {
			QueryParameters.requireKnown(request.queryParams(), java.util.Set.of());
			return holds.ofUser(caller).map(HoldView::of).collectList();
		}).flatMap(views -> ServerResponse.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new HoldList(views)));
	}

	/** {@code GET /api/holds/{id}}: someone else's hold is a 404, exactly like one that does not exist. */
	Mono<ServerResponse> find(ServerRequest request) {
		String id = request.pathVariable("id");
		return caller(request).flatMap(caller -> holds.findOwned(caller, id))
			.switchIfEmpty(Mono.error(() -> HoldProblems.holdNotFound(id)))
			.flatMap(hold -> json(ServerResponse.ok(), HoldView.of(hold)));
	}

	/** {@code DELETE /api/holds/{id}}: 204, or a 404 (not the caller's) or 409 (a booking is paying for it). */
	Mono<ServerResponse> release(ServerRequest request) {
		String id = request.pathVariable("id");
		return caller(request).flatMap(caller -> holds.release(caller, id)).then(ServerResponse.noContent().build());
	}

	private static Mono<ServerResponse> json(ServerResponse.BodyBuilder response, HoldView view) {
		return response.cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).bodyValue(view);
	}

	/** Security lets no anonymous request this far; should that ever change, the answer is a 401, not a 500. */
	private static Mono<String> caller(ServerRequest request) {
		return request.principal()
			.map(Principal::getName)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "This route needs a bearer token")));
	}

	/**
	 * The JSON body. Unreadable JSON and a wrong content type fail as the codecs report them (400 and 415, see
	 * the edge's problem mapping), the same as on annotated routes; no body at all is a 400 too.
	 */
	private static Mono<HoldRequest> body(ServerRequest request) {
		return request.bodyToMono(HoldRequest.class)
			.switchIfEmpty(Mono.error(() -> new ServerWebInputException("Request body is missing")));
	}
}
