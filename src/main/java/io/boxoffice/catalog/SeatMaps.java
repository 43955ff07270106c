package io.boxoffice.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Builds an event's seat-map layout from its venue's sections and seats and the event's price tiers. */
@Repository
class SeatMaps {

	private final DatabaseClient db;
	private final JsonMapper json;

	SeatMaps(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Mono<SeatMap> layout(Events.EventRow event) {
		long venueId = event.venue().id();
		Mono<List<SectionRow>> sections = db.sql("""
				SELECT s.id, s.name, pt.price_cents::bigint AS price_cents, pt.currency::text AS currency
				FROM section s LEFT JOIN price_tier pt ON pt.section_id = s.id AND pt.event_id = :eventId
				WHERE s.venue_id = :venueId ORDER BY s.position
				""")
			.bind("eventId", event.id())
			.bind("venueId", venueId)
			.map((row, meta) -> new SectionRow(row.get("id", Long.class), row.get("name", String.class),
					row.get("price_cents", Long.class), row.get("currency", String.class)))
			.all()
			.collectList();
		Mono<List<SeatRow>> seats = db.sql("SELECT id, section_id, row_label, number, x, y FROM seat WHERE venue_id = :venueId ORDER BY id")
			.bind("venueId", venueId)
			.map((row, meta) -> new SeatRow(row.get("id", Long.class), row.get("section_id", Long.class),
					row.get("row_label", String.class), row.get("number", Integer.class), row.get("x", Float.class),
					row.get("y", Float.class)))
			.all()
			.collectList();
		Mono<String> stage = db.sql("SELECT stage::text AS stage FROM venue WHERE id = :venueId")
			.bind("venueId", venueId)
			.map((row, meta) -> row.get("stage", String.class) == null ? "" : row.get("stage", String.class))
			.one();
		return Mono.zip(sections, seats, stage)
			.map(t -> assemble(event, t.getT1(), t.getT2(), t.getT3().isEmpty() ? null : json.readValue(t.getT3(), SeatMap.Stage.class)));
	}

	private static SeatMap assemble(Events.EventRow event, List<SectionRow> sectionRows, List<SeatRow> seatRows, SeatMap.Stage stage) {
		// Seats arrive in id order, which is section, row, number order for generated and admin-built layouts.
		Map<Long, Map<String, List<SeatMap.Seat>>> rowsBySection = new LinkedHashMap<>();
		float minX = Float.MAX_VALUE, minY = Float.MAX_VALUE, maxX = -Float.MAX_VALUE, maxY = -Float.MAX_VALUE;
		for (SeatRow seat : seatRows) {
			rowsBySection.computeIfAbsent(seat.sectionId(), id -> new LinkedHashMap<>())
				.computeIfAbsent(seat.row(), label -> new ArrayList<>())
				.add(new SeatMap.Seat(seat.id(), seat.number(), seat.x(), seat.y()));
			minX = Math.min(minX, seat.x());
			minY = Math.min(minY, seat.y());
			maxX = Math.max(maxX, seat.x());
			maxY = Math.max(maxY, seat.y());
		}
		if (stage != null) {
			minX = Math.min(minX, (float) stage.x());
			minY = Math.min(minY, (float) stage.y());
			maxX = Math.max(maxX, (float) (stage.x() + stage.width()));
			maxY = Math.max(maxY, (float) (stage.y() + stage.height()));
		}
		var sections = new ArrayList<SeatMap.Section>();
		for (SectionRow section : sectionRows) {
			var rows = rowsBySection.getOrDefault(section.id(), Map.of()).entrySet().stream()
				.map(row -> new SeatMap.Row(row.getKey(), row.getValue()))
				.toList();
			sections.add(new SeatMap.Section(section.id(), section.name(), section.priceCents(),
					section.currency() == null ? null : section.currency().trim(), rows));
		}
		var bounds = seatRows.isEmpty() ? new SeatMap.Bounds(0, 0, 0, 0) : new SeatMap.Bounds(minX, minY, maxX, maxY);
		return new SeatMap(event.id(), event.venue().id(), event.version(), bounds, stage, sections);
	}

	private record SectionRow(long id, String name, Long priceCents, String currency) {
	}

	private record SeatRow(long id, long sectionId, String row, int number, float x, float y) {
	}
}
