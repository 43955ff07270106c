package io.boxoffice.seatmap;

import java.util.HashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.SellableSeats;
import io.boxoffice.holds.SeatChangeFeed;

/**
 * The readers of this instance, one per watched event: started by the first client of an event (after checking
 * the event exists), shared by the next ones, stopped when the last one leaves.
 */
@Component
class EventFeeds {

	private final SellableSeats events;
	private final SeatChangeFeed changes;
	private final SeatmapSettings settings;
	private final SeatmapMetrics metrics;
	private final Map<Long, Watched> watched = new HashMap<>(); // guarded by this

	private static final class Watched {

		final EventFeed feed;
		final Mono<EventFeed> started;
		int clients;

		Watched(EventFeed feed, Mono<EventFeed> started) {
			this.feed = feed;
			this.started = started;
		}
	}

	EventFeeds(SellableSeats events, SeatChangeFeed changes, SeatmapSettings settings, SeatmapMetrics metrics) {
		this.events = events;
		this.changes = changes;
		this.settings = settings;
		this.metrics = metrics;
	}

	/** The event's running reader; empty if there is no such event. Every call must be matched by {@link #leave}. */
	Mono<EventFeed> join(long eventId) {
		return Mono.defer(() -> {
			synchronized (this) {
				Watched event = watched.computeIfAbsent(eventId, id -> {
					var feed = new EventFeed(id, changes, settings);
					metrics.readerStarted();
					// Bounded: Redis calls time out on their own, a Postgres query does not; a lookup that never
					// answers would leave every watcher of the event waiting without a snapshot.
					return new Watched(feed, events.window(id).hasElement()
						.flatMap(exists -> exists ? feed.start() : Mono.<EventFeed>empty())
						.timeout(settings.startTimeout())
						.cache());
				});
				event.clients++;
				return event.started;
			}
		});
	}

	void leave(long eventId) {
		EventFeed stopping = null;
		synchronized (this) {
			Watched event = watched.get(eventId);
			if (event != null && --event.clients == 0) {
				watched.remove(eventId);
				stopping = event.feed;
			}
		}
		if (stopping != null) {
			stopping.stop();
			metrics.readerStopped();
		}
	}
}
