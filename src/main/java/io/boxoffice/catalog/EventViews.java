package io.boxoffice.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/** The buyer-facing reads of the catalog. */
@Service
public class EventViews {

	private final Events events;
	private final SeatMaps seatMaps;
	private final SeatInventory inventory;
	private final CatalogSettings settings;
	private final Clock clock;

	EventViews(Events events, SeatMaps seatMaps, SeatInventory inventory, CatalogSettings settings, Clock clock) {
		this.events = events;
		this.seatMaps = seatMaps;
		this.inventory = inventory;
		this.settings = settings;
		this.clock = clock;
	}

	/** {@code cursorParameter}: the name the cursor came under, for the problem if it is not one of ours. */
	public Mono<EventPage> upcoming(String after, String cursorParameter, Integer size, String city, Category category) {
		int pageSize = size == null ? settings.defaultPageSize() : size;
		if (pageSize < 1 || pageSize > settings.maxPageSize()) {
			return Mono.error(CatalogProblems.invalidParameter("size", "'size' must be between 1 and " + settings.maxPageSize()));
		}
		EventCursor cursor;
		try {
			cursor = after == null || after.isBlank() ? null : EventCursor.decode(after, cursorParameter);
		}
		catch (RuntimeException invalid) {
			return Mono.error(invalid);
		}
		String cityFilter = city == null || city.isBlank() ? null : city.trim();
		// One row more than the page tells whether there is a next page without a count query.
		return events.upcoming(cursor, cityFilter, category, pageSize + 1).map(rows -> {
			if (rows.size() <= pageSize) {
				return new EventPage(rows, null);
			}
			List<EventSummary> page = rows.subList(0, pageSize);
			EventSummary last = page.get(pageSize - 1);
			return new EventPage(List.copyOf(page), new EventCursor(last.startsAt(), last.id()).encode());
		});
	}

	/** Straight from Postgres; the public route serves {@link CachedEventDetails} instead. */
	public Mono<EventDetails> details(long eventId) {
		return existing(eventId).flatMap(event -> Mono
			.zip(events.performers(eventId), events.priceTiers(eventId), inventory.counts(eventId))
			.map(t -> new EventDetails(event.id(), event.name(), event.description(), event.category(), event.startsAt(),
					EventSummary.local(event.startsAt(), event.venue().timezone()), event.venue().timezone(), event.onSaleAt(), !event.onSaleAt().isAfter(Instant.now(clock)), event.queueMode(), event.version(),
					event.venue(), t.getT1(), t.getT2(), t.getT3())));
	}

	/** The event's current catalog version (for ETags) without loading the layout. */
	public Mono<Long> version(long eventId) {
		return existing(eventId).map(Events.EventRow::version);
	}

	public Mono<SeatMap> seatMap(long eventId) {
		return existing(eventId).flatMap(seatMaps::layout);
	}


	private Mono<Events.EventRow> existing(long eventId) {
		return events.find(eventId).switchIfEmpty(Mono.error(() -> CatalogProblems.eventNotFound(eventId)));
	}
}
