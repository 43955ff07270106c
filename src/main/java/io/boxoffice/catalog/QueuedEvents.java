package io.boxoffice.catalog;

import java.time.Instant;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.boxoffice.catalog.internal.EventViewCache;
import io.boxoffice.catalog.internal.RecentRenders;

/**
 * What the waiting room needs of an event: its queue mode as stored (the waiting room keeps the live copy in
 * Redis and falls back to this one), and its sale window. {@link #recordMode} lets the waiting room's admin
 * endpoint change the stored mode without replacing the whole event.
 */
@Component
public class QueuedEvents {

	private final DatabaseClient db;
	private final EventViewCache cache;
	private final RecentRenders recentRenders;

	QueuedEvents(DatabaseClient db, EventViewCache cache, RecentRenders recentRenders) {
		this.db = db;
		this.cache = cache;
		this.recentRenders = recentRenders;
	}

	/** {@code queueMode} is OFF, ON or AUTO. */
	public record QueuedEvent(long id, String queueMode, Instant onSaleAt, Instant startsAt) {
	}

	/** Empty if there is no such event. */
	public Mono<QueuedEvent> find(long eventId) {
		return db.sql("SELECT queue_mode, on_sale_at, starts_at FROM event WHERE id = :id")
			.bind("id", eventId)
			.map((row, meta) -> new QueuedEvent(eventId, row.get("queue_mode", String.class), row.get("on_sale_at", Instant.class),
					row.get("starts_at", Instant.class)))
			.one();
	}

	/**
	 * Stores a new queue mode (a new event version, so cached views show it); true if the event exists. The search
	 * index does not carry the mode, so no change message is written.
	 */
	public Mono<Boolean> recordMode(long eventId, String queueMode) {
		return db.sql("""
				UPDATE event SET queue_mode = :mode, version = version + 1, updated_at = now()
				WHERE id = :id AND queue_mode <> :mode
				""")
			.bind("id", eventId)
			.bind("mode", queueMode)
			.fetch().rowsUpdated()
			.flatMap(updated -> updated > 0 ? evict(eventId).thenReturn(true) : find(eventId).hasElement());
	}

	private Mono<Boolean> evict(long eventId) {
		recentRenders.evict(eventId);
		return cache.invalidate(eventId).onErrorReturn(false); // a stale entry is never served: its version is old
	}
}
