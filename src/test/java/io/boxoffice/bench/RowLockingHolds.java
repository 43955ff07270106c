package io.boxoffice.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * BENCHMARK ONLY (profile {@code bench}, test classpath): {@link RowLockingSeats} over HTTP, as the baseline for
 * {@code loadtest/bench-holds.sh}, behind the same edge as {@code POST /api/holds}: security, the JSON codecs, and
 * a functional route like {@code holds.HoldRoutes} (so the two paths differ in how they hold seats, not in how a
 * request reaches them).
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class RowLockingHolds {

	record HoldRequest(long eventId, List<Long> seatIds) {
	}

	@Bean
	RouterFunction<ServerResponse> rowLockingHoldRoutes(RowLockingSeats seats) {
		return RouterFunctions.route()
			.POST("/bench/pg-holds/events/{eventId}", request -> seats.prepare(eventId(request))
				.flatMap(rows -> json(ServerResponse.ok(), Map.of("seats", rows))))
			.POST("/bench/pg-holds", request -> request.principal().zipWith(request.bodyToMono(HoldRequest.class))
				.flatMap(callerAndBody -> {
					HoldRequest hold = callerAndBody.getT2();
					return seats.hold(callerAndBody.getT1().getName(), hold.eventId(), hold.seatIds())
						.flatMap(held -> held
								? json(ServerResponse.status(HttpStatus.CREATED), Map.of("eventId", hold.eventId(), "seats", hold.seatIds()))
								: json(ServerResponse.status(HttpStatus.CONFLICT), Map.of("type", "/problems/seats-unavailable")));
				}))
			.DELETE("/bench/pg-holds/{eventId}/{seatIds}", request -> request.principal()
				.flatMap(caller -> seats.release(caller.getName(), eventId(request), seatIds(request)))
				.then(ServerResponse.noContent().build()))
			.build();
	}

	private static long eventId(ServerRequest request) {
		return Long.parseLong(request.pathVariable("eventId"));
	}

	private static List<Long> seatIds(ServerRequest request) {
		return Arrays.stream(request.pathVariable("seatIds").split(",")).map(Long::valueOf).toList();
	}

	private static Mono<ServerResponse> json(ServerResponse.BodyBuilder response, Object body) {
		return response.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}
}
