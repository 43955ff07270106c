package io.boxoffice.catalog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What seats of an event cost, for the booking module to compute the amount itself (a client never says
 * what it pays). Prices are read at booking time, so a later price change does not touch a booking.
 */
@Component
public class SeatPrices {

	private final DatabaseClient db;

	SeatPrices(DatabaseClient db) {
		this.db = db;
	}

	public record PricedSeat(long seatId, int priceCents, String currency) {
	}

	/** The event's start, and the priced seats among {@code seatIds} (a seat without a tier is left out). */
	public record Quote(long eventId, Instant startsAt, List<PricedSeat> seats) {

		public long totalCents() {
			return seats.stream().mapToLong(PricedSeat::priceCents).sum();
		}

		public String currency() {
			return seats.isEmpty() ? null : seats.get(0).currency();
		}
	}

	/** Empty when the event does not exist. */
	public Mono<Quote> quote(long eventId, Collection<Long> seatIds) {
		Mono<Instant> startsAt = db.sql("SELECT starts_at FROM event WHERE id = :id")
			.bind("id", eventId)
			.map((row, meta) -> row.get("starts_at", Instant.class))
			.one();
		Mono<List<PricedSeat>> seats = db.sql("""
				SELECT s.id, t.price_cents, t.currency
				FROM seat s
				JOIN event e ON e.venue_id = s.venue_id
				JOIN price_tier t ON t.event_id = e.id AND t.section_id = s.section_id
				WHERE e.id = :eventId AND s.id = ANY(:seatIds)
				ORDER BY s.id
				""")
			.bind("eventId", eventId)
			.bind("seatIds", seatIds.toArray(Long[]::new))
			.map((row, meta) -> new PricedSeat(row.get("id", Long.class), row.get("price_cents", Integer.class),
					row.get("currency", String.class).trim()))
			.all()
			.collectList();
		return startsAt.zipWith(seats, (start, priced) -> new Quote(eventId, start, priced));
	}
}
