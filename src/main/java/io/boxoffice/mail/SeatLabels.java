package io.boxoffice.mail;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.catalog.EventDetails;
import io.boxoffice.catalog.EventViews;
import io.boxoffice.catalog.SeatMap;

/** What a mail says about an event and its seats, in words: "Section A, row 3, seat 12". */
@Component
class SeatLabels {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
		.withLocale(Locale.UK);

	private final EventViews events;

	SeatLabels(EventViews events) {
		this.events = events;
	}

	record Described(String eventName, String when, List<String> seats) {
	}

	Mono<Described> describe(long eventId, Collection<Long> seatIds) {
		return events.details(eventId).zipWith(events.seatMap(eventId), (event, map) -> {
			Map<Long, String> labels = labels(map);
			List<String> seats = seatIds.stream().map(id -> labels.getOrDefault(id, "seat " + id)).toList();
			return new Described(event.name(), when(event), seats);
		});
	}

	private static String when(EventDetails event) {
		ZoneId zone = event.venue() != null && event.venue().timezone() != null ? ZoneId.of(event.venue().timezone()) : ZoneId.of("UTC");
		String venue = event.venue() != null ? ", " + event.venue().name() + ", " + event.venue().city() : "";
		return WHEN.format(event.startsAt().atZone(zone)) + venue;
	}

	private static Map<Long, String> labels(SeatMap map) {
		var labels = new HashMap<Long, String>();
		for (SeatMap.Section section : map.sections()) {
			for (SeatMap.Row row : section.rows()) {
				for (SeatMap.Seat seat : row.seats()) {
					labels.put(seat.id(), section.name() + ", row " + row.label() + ", seat " + seat.number());
				}
			}
		}
		return labels;
	}

	static String money(long cents, String currency) {
		return String.format(Locale.ROOT, "%d.%02d %s", cents / 100, cents % 100, currency);
	}
}
