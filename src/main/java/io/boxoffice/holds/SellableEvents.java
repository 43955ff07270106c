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

/**
 * Checks a hold request against the catalog: the event exists, is on sale, and every seat is one it sells.
 * The catalog's answer is kept in memory per event (bounded, least recently used out, for
 * {@code event-cache-ttl}), so a hold on a hot event costs no Postgres query. Concurrent first requests for
 * an event share one query.
 */
@Component
class SellableEvents {

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

	private record Sale(Instant onSaleAt, Instant startsAt, SeatIdSet seats) {
	}

	private record Entry(Mono<Optional<Sale>> sale, Instant loadedAt) {
	}

	/** Completes empty if the request may go ahead; otherwise fails with the problem to answer. */
	Mono<Void> check(long eventId, List<Long> seatIds, Instant now) {
		return sale(eventId).flatMap(found -> {
			if (found.isEmpty()) {
				return Mono.error(CatalogProblems.eventNotFound(eventId));
			}
			Sale sale = found.get();
			if (now.isBefore(sale.onSaleAt()) || !now.isBefore(sale.startsAt())) {
				return Mono.error(HoldProblems.notOnSale(eventId, sale.onSaleAt(), sale.startsAt(), now));
			}
			List<Long> unknown = seatIds.stream().filter(seat -> !sale.seats().contains(seat)).toList();
			return unknown.isEmpty() ? Mono.empty() : Mono.error(HoldProblems.unknownSeats(eventId, unknown));
		});
	}

	private Mono<Optional<Sale>> sale(long eventId) {
		Instant now = clock.instant();
		synchronized (entries) {
			Entry entry = entries.get(eventId);
			if (entry == null || !now.isBefore(entry.loadedAt().plus(ttl))) {
				entry = new Entry(load(eventId), now);
				entries.put(eventId, entry);
			}
			return entry.sale();
		}
	}

	private Mono<Optional<Sale>> load(long eventId) {
		return catalog.of(eventId)
			.map(sale -> Optional.of(new Sale(sale.onSaleAt(), sale.startsAt(), SeatIdSet.of(sale.seatIds()))))
			.defaultIfEmpty(Optional.empty())
			// Answers are kept; failures are not, so the next request asks again.
			.cache(answer -> ttl, failure -> Duration.ZERO, () -> ttl);
	}
}
