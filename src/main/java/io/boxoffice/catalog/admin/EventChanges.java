package io.boxoffice.catalog.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.boxoffice.catalog.internal.EventViewCache;
import io.boxoffice.catalog.internal.RecentRenders;

/**
 * What every catalog write does for the events it changed: inside its transaction, one {@code outbox} row per
 * changed upcoming event on {@code catalog.event-changed} (keyed by event id, carrying the new version and what a
 * search indexer needs); after the commit, the invalidation of each changed event's cached view.
 */
@Component
class EventChanges {

	static final String TOPIC = "catalog.event-changed";
	static final String CREATED = "EventCreated";
	static final String UPDATED = "EventUpdated";

	private static final Logger log = LoggerFactory.getLogger(EventChanges.class);
	private static final Duration INVALIDATION_TIMEOUT = Duration.ofSeconds(2);

	/** An event a write changed, with the version it now has. */
	record Changed(long eventId, long version, Instant startsAt) {
	}

	private final DatabaseClient db;
	private final EventViewCache cache;
	private final RecentRenders recentRenders;
	private final Clock clock;

	EventChanges(DatabaseClient db, EventViewCache cache, RecentRenders recentRenders, Clock clock) {
		this.recentRenders = recentRenders;
		this.db = db;
		this.cache = cache;
		this.clock = clock;
	}

	/**
	 * Writes the outbox rows; call inside the write's transaction, after every change to the events. Events already
	 * over get a new version (their cached view must change) but no message: nothing downstream wants them.
	 */
	Mono<Void> record(String type, List<Changed> changed) {
		Instant now = clock.instant();
		Long[] ids = changed.stream().filter(c -> c.startsAt().isAfter(now)).map(Changed::eventId).toArray(Long[]::new);
		if (ids.length == 0) {
			return Mono.empty();
		}
		return db.sql("""
				INSERT INTO outbox (topic, key, type, payload)
				SELECT :topic, e.id::text, :type, jsonb_build_object(
				    'eventId', e.id, 'version', e.version, 'name', e.name, 'description', e.description,
				    'category', e.category,
				    'startsAt', to_char(e.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
				    'onSaleAt', to_char(e.on_sale_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
				    'city', e.city, 'lat', e.lat, 'lon', e.lon, 'venueId', v.id, 'venueName', v.name,
				    'performers', coalesce((SELECT jsonb_agg(p.name ORDER BY ep.billing_order, p.name)
				                            FROM event_performer ep JOIN performer p ON p.id = ep.performer_id
				                            WHERE ep.event_id = e.id), '[]'::jsonb),
				    'minPriceCents', prices.min_price, 'maxPriceCents', prices.max_price, 'currency', prices.currency)
				FROM event e
				JOIN venue v ON v.id = e.venue_id
				LEFT JOIN LATERAL (
				    SELECT min(price_cents) AS min_price, max(price_cents) AS max_price, min(currency)::text AS currency
				    FROM price_tier WHERE event_id = e.id
				) prices ON true
				WHERE e.id = ANY (CAST(:ids AS bigint[]))
				ORDER BY e.id
				""")
			.bind("topic", TOPIC)
			.bind("type", type)
			.bind("ids", ids)
			.then();
	}

	/**
	 * Drops the cached views; call after the commit. A failure here is logged, not raised: the write did happen, and
	 * a reader never serves an entry whose version is not the event's current one, so a missed invalidation costs a
	 * cache miss, not a stale view.
	 */
	Mono<Void> committed(List<Changed> changed) {
		return Flux.fromIterable(changed)
			.doOnNext(c -> recentRenders.evict(c.eventId()))
			.flatMap(c -> cache.invalidate(c.eventId()), 8)
			.then()
			.timeout(INVALIDATION_TIMEOUT)
			.onErrorResume(failure -> {
				log.warn("Could not drop the cached views of {} changed events (readers will replace them): {}",
						changed.size(), failure.toString());
				return Mono.empty();
			});
	}
}
