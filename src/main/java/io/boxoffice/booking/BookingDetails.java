package io.boxoffice.booking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.boxoffice.catalog.EventSummary;
import io.boxoffice.catalog.VenueRef;

/**
 * Adds what a buyer reads to booking views: the event (name, start, venue, time zone) and each seat's section,
 * row and number. One query for any number of bookings (the seats joined in, never a query per seat or per
 * booking); it reads the catalog's tables directly, as the booking's own rows refer to them by id.
 */
@Repository
class BookingDetails {

	private static final String SELECT = """
			SELECT b.id AS booking_id, e.id AS event_id, e.name AS event_name, e.starts_at, v.id AS venue_id, v.name AS venue_name,
			       v.city AS venue_city, v.timezone, i.seat_id, i.price_cents, sec.name AS section, s.row_label, s.number
			FROM booking b
			JOIN event e ON e.id = b.event_id
			JOIN venue v ON v.id = e.venue_id
			LEFT JOIN booking_item i ON i.booking_id = b.id
			LEFT JOIN seat s ON s.id = i.seat_id
			LEFT JOIN section sec ON sec.id = s.section_id
			WHERE b.id = ANY(:ids)
			ORDER BY b.id, i.seat_id""";

	private final DatabaseClient db;

	BookingDetails(DatabaseClient db) {
		this.db = db;
	}

	Mono<BookingView> describe(BookingView view) {
		return describe(List.of(view)).map(views -> views.get(0));
	}

	/** The views in the same order, each with its event and named seats. */
	Mono<List<BookingView>> describe(List<BookingView> views) {
		if (views.isEmpty()) {
			return Mono.just(List.of());
		}
		return db.sql(SELECT)
			.bind("ids", views.stream().map(BookingView::bookingId).toArray(UUID[]::new))
			.map((row, meta) -> Row.of(row))
			.all()
			.collectList()
			.map(rows -> {
				Map<UUID, BookingView.Event> events = new LinkedHashMap<>();
				Map<UUID, List<BookingView.Seat>> seats = new LinkedHashMap<>();
				for (Row row : rows) {
					events.putIfAbsent(row.bookingId(), row.event());
					List<BookingView.Seat> of = seats.computeIfAbsent(row.bookingId(), id -> new ArrayList<>());
					if (row.seat() != null) {
						of.add(row.seat());
					}
				}
				return views.stream()
					.map(view -> events.containsKey(view.bookingId())
							? view.withDetails(events.get(view.bookingId()), List.copyOf(seats.get(view.bookingId())))
							: view)
					.toList();
			});
	}

	private record Row(UUID bookingId, BookingView.Event event, BookingView.Seat seat) {

		static Row of(Readable row) {
			Instant startsAt = row.get("starts_at", Instant.class);
			String timeZone = row.get("timezone", String.class);
			var event = new BookingView.Event(row.get("event_id", Long.class), row.get("event_name", String.class), startsAt,
					EventSummary.local(startsAt, timeZone), timeZone,
					new VenueRef(row.get("venue_id", Long.class), row.get("venue_name", String.class), row.get("venue_city", String.class)));
			Long seatId = row.get("seat_id", Long.class);
			Integer number = row.get("number", Integer.class);
			var seat = seatId == null ? null : new BookingView.Seat(seatId, row.get("section", String.class),
					row.get("row_label", String.class), number == null ? null : number.toString(), row.get("price_cents", Integer.class));
			return new Row(row.get("booking_id", UUID.class), event, seat);
		}
	}
}
