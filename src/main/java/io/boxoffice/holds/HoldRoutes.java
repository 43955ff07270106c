package io.boxoffice.holds;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import reactor.core.publisher.Mono;

import org.springdoc.core.annotations.RouterOperation;
import org.springdoc.core.annotations.RouterOperations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;

import io.boxoffice.holds.HoldHandler.HoldList;
import io.boxoffice.holds.HoldHandler.HoldRequest;
import io.boxoffice.holds.HoldHandler.HoldView;

/**
 * Routes {@code /api/holds} to {@link HoldHandler} as functional routes, unlike the annotated controllers of the
 * other modules: a hold is the request an on-sale surge is made of, and on this route WebFlux's annotated-method
 * machinery (argument resolvers, result handling) cost about a fifth of the edge's throughput (ARCHITECTURE.md,
 * "Decisions"; BENCHMARKS.md, "What we tried"). A wrong method still gets the 405 listing the allowed ones, as
 * annotated routes do.
 */
@Configuration(proxyBeanMethods = false)
class HoldRoutes {

	private static final String HOLDS = "/api/holds";
	private static final String HOLD = "/api/holds/{id}";
	private static final String JSON = "application/json";
	private static final String PROBLEM_JSON = "application/problem+json";
	private static final String PROBLEM = "#/components/schemas/Problem"; // added by the edge's ApiDocumentation
	private static final String TAG = "Holds";

	@Bean
	@RouterOperations({
			@RouterOperation(path = HOLDS, method = RequestMethod.POST, beanClass = HoldHandler.class, beanMethod = "hold",
					operation = @Operation(operationId = "hold", summary = "Hold 1..N seats of an event, all or none", tags = TAG,
							security = @SecurityRequirement(name = "bearer"),
							parameters = { @Parameter(in = ParameterIn.HEADER, name = HoldHandler.IDEMPOTENCY_KEY, schema = @Schema(type = "string"),
									description = "Makes a retried hold answer the same hold"),
									@Parameter(in = ParameterIn.HEADER, name = HoldHandler.ADMISSION_TOKEN, schema = @Schema(type = "string"),
											description = "The waiting room's admission token; required when the event's sale is queued") },
							requestBody = @RequestBody(required = true, content = @Content(mediaType = JSON, schema = @Schema(implementation = HoldRequest.class))),
							responses = {
									@ApiResponse(responseCode = "201", description = "Held until expiresAt",
											content = @Content(mediaType = JSON, schema = @Schema(implementation = HoldView.class))),
									@ApiResponse(responseCode = "403", description = "The sale is queued and the admission token is missing or invalid (names joinUrl)",
											content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM))),
									@ApiResponse(responseCode = "404", description = "No such event",
											content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM))),
									@ApiResponse(responseCode = "409", description = "Seats unavailable (named), hold limit reached, or not on sale",
											content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM))),
									@ApiResponse(responseCode = "422", description = "The idempotency key was used for another request",
											content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM))),
									@ApiResponse(responseCode = "503", description = "Holds are briefly unavailable or the service sheds load; see Retry-After",
											content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM))) })),
			@RouterOperation(path = HOLDS, method = RequestMethod.GET, beanClass = HoldHandler.class, beanMethod = "list",
					operation = @Operation(operationId = "listHolds", summary = "The caller's live holds, soonest expiry first", tags = TAG,
							security = @SecurityRequirement(name = "bearer"),
							responses = @ApiResponse(responseCode = "200", description = "The holds (no paging)",
									content = @Content(mediaType = JSON, schema = @Schema(implementation = HoldList.class))))),
			@RouterOperation(path = HOLD, method = RequestMethod.GET, beanClass = HoldHandler.class, beanMethod = "find",
					operation = @Operation(operationId = "findHold", summary = "The caller's live hold", tags = TAG,
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id", required = true, schema = @Schema(type = "string")),
							responses = @ApiResponse(responseCode = "200", description = "The hold",
									content = @Content(mediaType = JSON, schema = @Schema(implementation = HoldView.class))))),
			@RouterOperation(path = HOLD, method = RequestMethod.DELETE, beanClass = HoldHandler.class, beanMethod = "release",
					operation = @Operation(operationId = "releaseHold", summary = "Give the caller's hold back", tags = TAG,
							security = @SecurityRequirement(name = "bearer"),
							parameters = @Parameter(in = ParameterIn.PATH, name = "id", required = true, schema = @Schema(type = "string")),
							responses = { @ApiResponse(responseCode = "204", description = "Released"),
									@ApiResponse(responseCode = "409", description = "A booking is paying for this hold",
											content = @Content(mediaType = PROBLEM_JSON, schema = @Schema(ref = PROBLEM))) })) })
	RouterFunction<ServerResponse> holdsRouter(HoldHandler holds) {
		return RouterFunctions.route()
			.POST(HOLDS, holds::hold)
			.GET(HOLDS, holds::list)
			.HEAD(HOLDS, holds::list)
			.route(RequestPredicates.path(HOLDS), notAllowed(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST))
			.GET(HOLD, holds::find)
			.HEAD(HOLD, holds::find)
			.DELETE(HOLD, holds::release)
			.route(RequestPredicates.path(HOLD), notAllowed(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE))
			.build();
	}

	private static HandlerFunction<ServerResponse> notAllowed(HttpMethod... allowed) {
		return request -> Mono.error(new MethodNotAllowedException(request.method(), List.of(allowed)));
	}
}
