package io.boxoffice.catalog;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.internal.EventViewCache;
import io.boxoffice.catalog.internal.RecentRenders;
import io.boxoffice.platform.RequestEventLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code GET /api/events/{id}}: a view rendered in the last second on this instance is answered from memory
 * ({@link RecentRenders}); otherwise the availability-independent part comes from {@link EventViewCache} (serialized
 * once per event version), the live counts from {@link SeatInventory} on every request, and the two are joined
 * as bytes, so a hit deserializes nothing. A Redis failure or slowness costs at most the cache timeout and the
 * view is read from Postgres instead.
 */
@Component
class CachedEventDetails {

	private static final Logger log = LoggerFactory.getLogger(CachedEventDetails.class);
	private static final long WARN_EVERY_MILLIS = 10_000;

	/** The response body and its strong validator. */
	record Rendered(String etag, byte[] json) {
	}

	/** What the cache stores: {@link EventDetails} without {@code onSale} and {@code availability}, which change without a new version. */
	record Cacheable(long id, String name, String description, Category category, Instant startsAt,
			java.time.LocalDateTime localStartsAt, String timeZone, Instant onSaleAt,
			String queueMode, long version, EventDetails.Venue venue, List<EventDetails.Performer> performers,
			List<EventDetails.PriceTier> priceTiers) {
	}

	private enum Outcome {
		HIT, MISS, ERROR
	}

	private record Lookup(Outcome outcome, EventViewCache.Entry entry) {
	}

	private static final Lookup MISS = new Lookup(Outcome.MISS, null);
	private static final Lookup ERROR = new Lookup(Outcome.ERROR, null);

	private final Events events;
	private final SeatInventory inventory;
	private final EventViewCache cache;
	private final RecentRenders recentRenders;
	private final JsonMapper json;
	private final Clock clock;
	private final Duration timeout;
	private final Counter hits;
	private final Counter misses;
	private final Counter errors;
	private final AtomicLong lastWarning = new AtomicLong();

	CachedEventDetails(Events events, SeatInventory inventory, EventViewCache cache, RecentRenders recentRenders,
			JsonMapper json, Clock clock, CatalogSettings settings, MeterRegistry meters) {
		this.recentRenders = recentRenders;
		this.events = events;
		this.inventory = inventory;
		this.cache = cache;
		this.json = json;
		this.clock = clock;
		this.timeout = settings.viewCacheTimeout();
		this.hits = meters.counter("boxoffice.catalog.cache", "result", "hit");
		this.misses = meters.counter("boxoffice.catalog.cache", "result", "miss");
		this.errors = meters.counter("boxoffice.catalog.cache", "result", "error");
	}

	Mono<Rendered> render(long eventId) {
		Rendered recent = recentRenders.get(eventId, Rendered.class);
		if (recent != null) {
			return Mono.just(recent);
		}
		return renderFresh(eventId).doOnNext(rendered -> recentRenders.put(eventId, rendered));
	}

	private Mono<Rendered> renderFresh(long eventId) {
		// The round trips run at once: the cache for the view, Postgres for the sold count and the current version,
		// Redis for the held count. Whichever answers last would render the view on its own I/O thread (Lettuce's
		// is one per connection), so the answers are handed to the request's event loop first.
		Mono<SeatInventory.LiveCounts> live = inventory.live(eventId)
			.switchIfEmpty(Mono.error(() -> CatalogProblems.eventNotFound(eventId)));
		return RequestEventLoop.handOff(Mono.zip(lookup(eventId), live, inventory.held(eventId))).flatMap(t -> {
			Lookup lookup = t.getT1();
			SeatInventory.LiveCounts counts = t.getT2();
			Optional<Long> held = t.getT3();
			Mono<EventViewCache.Entry> entry;
			if (lookup.outcome() == Outcome.ERROR) {
				errors.increment();
				entry = load(eventId, counts); // Redis is failing: do not make this request wait for it twice
			}
			else if (lookup.outcome() == Outcome.HIT && lookup.entry().version() == counts.version()
					&& lookup.entry().createdMicros() == counts.createdMicros()) {
				hits.increment();
				entry = Mono.just(lookup.entry());
			}
			else {
				misses.increment(); // none, or one of another version (a lost invalidation or a racing reader)
				entry = load(eventId, counts).flatMap(loaded -> fill(eventId, loaded));
			}
			return entry.map(view -> render(eventId, view, counts, held));
		});
	}

	private Mono<Lookup> lookup(long eventId) {
		return cache.get(eventId)
			.timeout(timeout)
			.map(entry -> new Lookup(Outcome.HIT, entry))
			.defaultIfEmpty(MISS)
			.onErrorResume(failure -> {
				warn("Event view cache read failed for event {}, reading Postgres: {}", eventId, failure);
				return Mono.just(ERROR);
			});
	}

	private Mono<EventViewCache.Entry> fill(long eventId, EventViewCache.Entry entry) {
		return cache.put(eventId, entry)
			.timeout(timeout)
			.onErrorResume(failure -> {
				warn("Event view cache write failed for event {}: {}", eventId, failure);
				return Mono.just(false);
			})
			.thenReturn(entry);
	}

	/**
	 * The event row is read first and gives the entry its version. If an admin change commits while the rest is
	 * read, the entry may hold newer performers or prices than its version says; the next reader sees the new
	 * version in Postgres, treats the entry as a miss and replaces it.
	 */
	private Mono<EventViewCache.Entry> load(long eventId, SeatInventory.LiveCounts live) {
		return events.find(eventId)
			.switchIfEmpty(Mono.error(() -> CatalogProblems.eventNotFound(eventId)))
			.flatMap(event -> Mono
				.zip(events.performers(eventId), events.priceTiers(eventId), inventory.capacity(eventId))
				.map(t -> new EventViewCache.Entry(event.version(), live.createdMicros(), t.getT3(),
						event.onSaleAt().toEpochMilli(),
						json.writeValueAsBytes(new Cacheable(event.id(), event.name(), event.description(), event.category(),
								event.startsAt(), EventSummary.local(event.startsAt(), event.venue().timezone()),
								event.venue().timezone(), event.onSaleAt(), event.queueMode(), event.version(), event.venue(),
								t.getT1(), t.getT2())))));
	}

	/**
	 * Appends {@code onSale} and the counts to the cached object. The ETag covers all of it (version, on-sale flag,
	 * counts), so it is a true strong validator: equal tags mean equal bytes.
	 */
	private Rendered render(long eventId, EventViewCache.Entry entry, SeatInventory.LiveCounts live, Optional<Long> held) {
		boolean onSale = entry.onSaleAtMillis() <= clock.millis();
		EventDetails.AvailabilityCounts counts = SeatInventory.counts(entry.capacity(), live.sold(), held);
		String etag = "\"" + eventId + "-v" + entry.version() + (onSale ? "-on" : "-off") + "-s" + counts.sold() + "-h"
				+ counts.held() + "\"";
		byte[] tail = (",\"onSale\":" + onSale + ",\"availability\":{\"capacity\":" + counts.capacity() + ",\"sold\":"
				+ counts.sold() + ",\"held\":" + counts.held() + ",\"available\":" + counts.available() + "}}")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] cached = entry.json();
		// cached is one JSON object: drop its closing brace and close it after the live fields
		byte[] body = Arrays.copyOf(cached, cached.length - 1 + tail.length);
		System.arraycopy(tail, 0, body, cached.length - 1, tail.length);
		return new Rendered(etag, body);
	}

	private void warn(String message, long eventId, Throwable failure) {
		long now = System.currentTimeMillis();
		long last = lastWarning.get();
		// One line per ten seconds: during an outage every request fails the same way.
		if (now - last >= WARN_EVERY_MILLIS && lastWarning.compareAndSet(last, now)) {
			log.warn(message, eventId, failure.toString());
		}
	}
}
