package io.boxoffice.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.boxoffice.bench.EdgeCeilingHolds.HoldRequest;
import io.boxoffice.bench.EdgeCeilingHolds.HoldView;

/**
 * BENCHMARK ONLY (profile {@code bench}): {@link EdgeCeilingHolds} as a functional route, the way {@code /api/holds}
 * is routed: the ceiling of a hold through this edge on this machine (everything but Redis).
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class EdgeCeilingRoute {

	private static final Duration TTL = Duration.ofMinutes(10);

	@Bean
	RouterFunction<ServerResponse> edgeCeilingHoldsRoute() {
		return RouterFunctions.route(RequestPredicates.POST("/bench/edge-holds-fn"), request -> request.principal()
			.zipWith(request.bodyToMono(HoldRequest.class))
			.flatMap(callerAndBody -> {
				HoldRequest hold = callerAndBody.getT2();
				List<Long> seats = hold.seatIds();
				if (hold.eventId() == null || seats == null || seats.isEmpty() || new HashSet<>(seats).size() != seats.size()) {
					return ServerResponse.badRequest().build();
				}
				String holdId = hold.eventId() + "-" + UUID.randomUUID();
				var view = new HoldView(holdId, hold.eventId(), List.copyOf(seats), Instant.now().plus(TTL));
				return ServerResponse.created(URI.create("/bench/edge-holds-fn/" + holdId))
					.cacheControl(CacheControl.noStore())
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(view);
			}));
	}
}
