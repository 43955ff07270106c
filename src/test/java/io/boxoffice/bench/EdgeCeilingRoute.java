package io.boxoffice.bench;

import java.net.URI;

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

/**
 * BENCHMARK ONLY (profile {@code bench}): {@link EdgeCeilingHolds} as a functional route, the way {@code /api/holds}
 * is routed: the ceiling of a hold through this edge on this machine (everything but Redis).
 */
@Configuration(proxyBeanMethods = false)
@Profile("bench")
class EdgeCeilingRoute {

	@Bean
	RouterFunction<ServerResponse> edgeCeilingHoldsRoute() {
		return RouterFunctions.route(RequestPredicates.POST("/bench/edge-holds-fn"), request -> request.principal()
			.zipWith(request.bodyToMono(HoldRequest.class))
			.map(callerAndBody -> EdgeCeilingHolds.grant(callerAndBody.getT2()))
			.flatMap(view -> ServerResponse.created(URI.create("/bench/edge-holds-fn/" + view.holdId()))
				.cacheControl(CacheControl.noStore())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(view)));
	}
}
