package io.boxoffice.catalog;

import java.time.Duration;
import java.util.Set;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import io.boxoffice.edge.QueryParameters;

@RestController
@RequestMapping("/api/events")
class EventController {

	/** A CDN may serve the view a few seconds old (counts included) and refresh it in the background. */
	static final CacheControl VIEW_CACHING = CacheControl.maxAge(Duration.ofSeconds(5)).cachePublic()
		.staleWhileRevalidate(Duration.ofSeconds(30));

	/** The layout only changes with the event's version (part of the ETag), so clients may keep it a while. */
	static final CacheControl LAYOUT_CACHING = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	/** {@code ?v=} names the version: that URL's content can never change, so it may be kept for good. */
	static final CacheControl VERSIONED_LAYOUT_CACHING = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final EventViews views;
	private final CachedEventDetails cachedDetails;

	EventController(EventViews views, CachedEventDetails cachedDetails) {
		this.views = views;
		this.cachedDetails = cachedDetails;
	}

	/** {@code after} is the older name of {@code cursor}, still read so that saved links keep working. */
	static final Set<String> LIST_PARAMETERS = Set.of("cursor", "after", "size", "city", "category");

	@GetMapping
	@io.swagger.v3.oas.annotations.Operation(operationId = "listEvents", summary = "Upcoming events in start order, in pages")
	Mono<EventPage> upcoming(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String city,
			@Parameter(schema = @Schema(type = "string", example = "CONCERT"), description = "CONCERT, SPORTS, THEATRE, COMEDY or FAMILY, in any case") @RequestParam(required = false) String category,
			@Parameter(deprecated = true, description = "The older name of 'cursor'") @RequestParam(required = false) String after,
			ServerWebExchange exchange) {
		return Mono.defer(() -> {
			QueryParameters.requireKnown(exchange.getRequest().getQueryParams(), LIST_PARAMETERS);
			return views.upcoming(cursor != null ? cursor : after, cursor != null ? "cursor" : "after", size, city,
					QueryParameters.enumValue("category", category, Category.class));
		});
	}

	/** The body is the cached JSON with the live counts appended: bytes in, bytes out. */
	@GetMapping("/{id}")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getEvent", summary = "One event: venue, performers, price tiers and live counts")
	@ApiResponse(responseCode = "200", description = "The event",
			content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = EventDetails.class)))
	Mono<ResponseEntity<byte[]>> details(@PathVariable long id, ServerWebExchange exchange) {
		return cachedDetails.render(id).map(view -> exchange.checkNotModified(view.etag())
				? ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(view.etag()).cacheControl(VIEW_CACHING).<byte[]>build()
				: ResponseEntity.ok()
					.eTag(view.etag())
					.cacheControl(VIEW_CACHING)
					.contentType(MediaType.APPLICATION_JSON)
					.body(view.json()));
	}

	/**
	 * The layout. Clients that know the event's {@code version} should ask for {@code ?v=version}: while that is
	 * the current version the response is cacheable for a year; any other or no {@code v} gets the current layout
	 * with the short policy.
	 */
	@GetMapping("/{id}/seatmap")
	@io.swagger.v3.oas.annotations.Operation(operationId = "getSeatMap", summary = "The event's seat layout (cacheable; ?v= pins a version)")
	Mono<ResponseEntity<SeatMap>> seatMap(@PathVariable long id, @RequestParam(name = "v", required = false) Long v,
			ServerWebExchange exchange) {
		return views.version(id).flatMap(version -> {
			String etag = "\"seatmap-" + id + "-v" + version + "\"";
			CacheControl caching = v != null && v == version ? VERSIONED_LAYOUT_CACHING : LAYOUT_CACHING;
			if (exchange.checkNotModified(etag)) {
				return Mono.just(ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(caching).<SeatMap>build());
			}
			return views.seatMap(id).map(layout -> ResponseEntity.ok().eTag(etag).cacheControl(caching).body(layout));
		});
	}
}
