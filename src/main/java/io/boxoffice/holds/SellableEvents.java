package io.boxoffice.holds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.CatalogProblems;
import io.boxoffice.catalog.SellableSeats;
import io.boxoffice.catalog.SellableSeats.SaleWindow;

/**
 * Checks a hold request against the catalog: the event exists, is on sale, and every seat is one it sells.
 * The catalog's answer is kept in memory per event (bounded, least recently used out), so a hold on a hot event
 * costs no Postgres query. Concurrent first requests for an event share one query.
 *
 * <p>An answer older than {@code event-cache-ttl} is checked again: the event's one row tells its version, and
 * the sellable seats are read again only if that changed. An arena sells 20,000 seats; reading them every
 * minute for each hot event cost a burst of CPU and held up every hold of the event meanwhile (BENCHMARKS.md,
 * "What we tried").
 */
@Component
class SellableEvents {

	private static final Duration UNTIL_REPLACED = Duration.ofMillis(Long.MAX_VALUE); // Reactor's "forever"

	private final SellableSeats catalog;
	private final Clock clock;
	private final Duration ttl;
	private final Map<Long, Entry> entries;

	SellableEvents(SellableSeats catalog, Clock clock, HoldSettings settings) {
		this.catalog = catalog;
		this.clock = clock;
		this.ttl = settings.eventCacheTtl();
		int capacity = settings.eventCacheSize();
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
				return size() > capacity;
			}
		};
	}

	private record Sale(SaleWindow window, SeatIdSet seats) {
	}

	/**
	 * One event's answer, loaded once and kept until the entry is replaced; {@code loaded} is that answer once it
	 * has arrived, for the next entry to reuse its seats.
	 */
	private static final class Entry {

		final Instant createdAt;
		final Mono<Optional<Sale>> sale;
		volatile Sale loaded;

		Entry(Mono<Optional<Sale>> load, Instant createdAt) {
			this.createdAt = createdAt;
			// Answers are kept; failures are not, so the next request asks again.
			this.sale = load.doOnNext(answer -> loaded = answer.orElse(null))
				.cache(answer -> UNTIL_REPLACED, failure -> Duration.ZERO, () -> UNTIL_REPLACED);
		}
	}

	/** Completes empty if the request may go ahead; otherwise fails with the problem to answer. */
	Mono<Void> check(long eventId, List<Long> seatIds, Instant now) {
		return sale(eventId).flatMap(found -> {
			if (found.isEmpty()) {
				return Mono.error(CatalogProblems.eventNotFound(eventId));
			}
			Sale sale = found.get();
			if (!sale.window().onSaleAt(now)) {
				return Mono.error(HoldProblems.notOnSale(eventId, sale.window().onSaleAt(), sale.window().startsAt(), now));
			}
			List<Long> unknown = seatIds.stream().filter(seat -> !sale.seats().contains(seat)).toList();
			return unknown.isEmpty() ? Mono.empty() : Mono.error(HoldProblems.unknownSeats(eventId, unknown));
		});
	}

	private Mono<Optional<Sale>> sale(long eventId) {
		Instant now = clock.instant();
		synchronized (entries) {
			Entry entry = entries.get(eventId);
			if (entry == null || !now.isBefore(entry.createdAt.plus(ttl))) {
				entry = new Entry(load(eventId, entry == null ? null : entry.loaded), now);
				entries.put(eventId, entry);
			}
			return entry.sale;
		}
	}

	/** The event's window, and its seats: those of {@code known} if its version is still the event's. */
	private Mono<Optional<Sale>> load(long eventId, Sale known) {
		return catalog.window(eventId)
			.flatMap(window -> known != null && known.window().version() == window.version()
					? Mono.just(new Sale(window, known.seats()))
					: catalog.seatIds(eventId).map(ids -> new Sale(window, SeatIdSet.of(ids))))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
	}
}
