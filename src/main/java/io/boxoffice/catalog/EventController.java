package io.boxoffice.catalog;

import java.time.Duration;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

@RestController
@RequestMapping("/api/events")
class EventController {

	/** The layout only changes with the event's version (part of the ETag), so clients may keep it a while. */
	private static final CacheControl LAYOUT_CACHING = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private final EventViews views;

	EventController(EventViews views) {
		this.views = views;
	}

	@GetMapping
	Mono<EventPage> upcoming(@RequestParam(required = false) String after, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String city, @RequestParam(required = false) Category category) {
		return views.upcoming(after, size, city, category);
	}

	@GetMapping("/{id}")
	Mono<EventDetails> details(@PathVariable long id) {
		return views.details(id);
	}

	@GetMapping("/{id}/seatmap")
	Mono<ResponseEntity<SeatMap>> seatMap(@PathVariable long id, ServerWebExchange exchange) {
		return views.version(id).flatMap(version -> {
			String etag = "\"seatmap-" + id + "-v" + version + "\"";
			if (exchange.checkNotModified(etag)) {
				return Mono.just(ResponseEntity.status(304).eTag(etag).cacheControl(LAYOUT_CACHING).<SeatMap>build());
			}
			return views.seatMap(id).map(layout -> ResponseEntity.ok().eTag(etag).cacheControl(LAYOUT_CACHING).body(layout));
		});
	}

	@GetMapping("/{id}/availability")
	Mono<ResponseEntity<Availability>> availability(@PathVariable long id) {
		return views.availability(id).map(availability -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(availability));
	}
}
