package io.boxoffice.catalog.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.boxoffice.catalog.SeatMap;

/** SQL for venues and their layouts; seats go in with one {@code INSERT … SELECT FROM unnest(arrays)}. */
@Repository
class Venues {

	private final DatabaseClient db;
	private final JsonMapper json;

	Venues(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Mono<Long> insert(VenueRequest venue) {
		return attributes(db.sql("""
				INSERT INTO venue (name, city, country, lat, lon, timezone, stage)
				VALUES (:name, :city, :country, :lat, :lon, :timezone, CAST(:stage AS jsonb)) RETURNING id
				"""), venue)
			.map((row, meta) -> row.get("id", Long.class))
			.one();
	}

	/** Locks the venue row for the rest of the transaction; empty if there is no such venue. */
	Mono<Long> lock(long venueId) {
		return db.sql("SELECT id FROM venue WHERE id = :id FOR UPDATE").bind("id", venueId)
			.map((row, meta) -> row.get("id", Long.class)).one();
	}

	Mono<Void> update(long venueId, VenueRequest venue) {
		return attributes(db.sql("""
				UPDATE venue SET name = :name, city = :city, country = :country, lat = :lat, lon = :lon,
				       timezone = :timezone, stage = CAST(:stage AS jsonb)
				WHERE id = :id
				"""), venue).bind("id", venueId).then();
	}

	/** Bookings (sold or in progress) point at seats, so a venue that has any must keep its seats. */
	Mono<Boolean> hasBookings(long venueId) {
		return db.sql("SELECT EXISTS (SELECT 1 FROM booking b JOIN event e ON e.id = b.event_id WHERE e.venue_id = :id) AS booked")
			.bind("id", venueId)
			.map((row, meta) -> row.get("booked", Boolean.class))
			.one();
	}

	/**
	 * Sections are matched by name: a kept name keeps its id (and so every event's price tier for it); a section
	 * no longer listed goes, with its price tiers; seats are replaced wholesale. Call only without bookings.
	 */
	Mono<Void> replaceLayout(long venueId, Layout layout) {
		String[] names = layout.sectionNames.toArray(String[]::new);
		Mono<Void> dropTiers = db.sql("""
				DELETE FROM price_tier WHERE section_id IN
				    (SELECT id FROM section WHERE venue_id = :venue AND name <> ALL (CAST(:names AS text[])))
				""").bind("venue", venueId).bind("names", names).then();
		Mono<Void> dropSeats = db.sql("DELETE FROM seat WHERE venue_id = :venue").bind("venue", venueId).then();
		Mono<Void> dropSections = db.sql("DELETE FROM section WHERE venue_id = :venue AND name <> ALL (CAST(:names AS text[]))")
			.bind("venue", venueId).bind("names", names).then();
		return dropTiers.then(dropSeats).then(dropSections).then(insertLayout(venueId, layout));
	}

	Mono<Void> insertLayout(long venueId, Layout layout) {
		Mono<Void> sections = db.sql("""
				INSERT INTO section (venue_id, name, position)
				SELECT :venue, s.name, s.ordinal - 1 FROM unnest(CAST(:names AS text[])) WITH ORDINALITY AS s(name, ordinal)
				ON CONFLICT (venue_id, name) DO UPDATE SET position = EXCLUDED.position
				""")
			.bind("venue", venueId)
			.bind("names", layout.sectionNames.toArray(String[]::new))
			.then();
		// Seat ids follow the request's order, which is the order the seat map draws rows in.
		Mono<Void> seats = db.sql("""
				INSERT INTO seat (venue_id, section_id, row_label, number, x, y)
				SELECT :venue, s.id, t.row_label, t.number, t.x, t.y
				FROM unnest(CAST(:sections AS int[]), CAST(:rows AS text[]), CAST(:numbers AS int[]), CAST(:xs AS real[]),
				            CAST(:ys AS real[])) WITH ORDINALITY AS t(position, row_label, number, x, y, ordinal)
				JOIN section s ON s.venue_id = :venue AND s.position = t.position
				ORDER BY t.ordinal
				""")
			.bind("venue", venueId)
			.bind("sections", layout.sectionPositions())
			.bind("rows", layout.rowLabels())
			.bind("numbers", layout.numbers())
			.bind("xs", layout.xs())
			.bind("ys", layout.ys())
			.then();
		return sections.then(seats);
	}

	/** Copies the venue's city and position to its events and bumps their versions; emits what changed. */
	Mono<List<EventChanges.Changed>> touchEvents(long venueId) {
		return db.sql("""
				UPDATE event e SET city = v.city, lat = v.lat, lon = v.lon, version = e.version + 1, updated_at = now()
				FROM venue v WHERE v.id = e.venue_id AND e.venue_id = :venue
				RETURNING e.id, e.version, e.starts_at
				""")
			.bind("venue", venueId)
			.map((row, meta) -> new EventChanges.Changed(row.get("id", Long.class), row.get("version", Long.class),
					row.get("starts_at", Instant.class)))
			.all()
			.collectList();
	}

	/** The venue with every seat, or (for write responses) with each section's seat count only. */
	Mono<VenueResource> find(long venueId, boolean withSeats) {
		Mono<VenueResource> venue = db.sql("""
				SELECT id, name, city, country, lat, lon, timezone, stage::text AS stage FROM venue WHERE id = :id
				""")
			.bind("id", venueId)
			.map((row, meta) -> {
				String stage = row.get("stage", String.class);
				return new VenueResource(row.get("id", Long.class), row.get("name", String.class), row.get("city", String.class),
						row.get("country", String.class), row.get("lat", Double.class), row.get("lon", Double.class),
						row.get("timezone", String.class), stage == null ? null : json.readValue(stage, SeatMap.Stage.class), 0,
						List.of());
			})
			.one();
		return venue.flatMap(found -> (withSeats ? layout(venueId) : sectionSummaries(venueId)).map(sections -> new VenueResource(found.id(), found.name(), found.city(),
				found.country(), found.lat(), found.lon(), found.timezone(), found.stage(),
				sections.stream().mapToLong(VenueResource.Section::seatCount).sum(), sections)));
	}

	private Mono<List<VenueResource.Section>> sectionSummaries(long venueId) {
		return db.sql("""
				SELECT s.id, s.name, (SELECT count(*) FROM seat t WHERE t.section_id = s.id) AS seats
				FROM section s WHERE s.venue_id = :id ORDER BY s.position
				""")
			.bind("id", venueId)
			.map((row, meta) -> new VenueResource.Section(row.get("id", Long.class), row.get("name", String.class),
					row.get("seats", Long.class).intValue(), null))
			.all()
			.collectList();
	}

	private Mono<List<VenueResource.Section>> layout(long venueId) {
		Mono<Map<Long, String>> sections = db.sql("SELECT id, name FROM section WHERE venue_id = :id ORDER BY position")
			.bind("id", venueId)
			.map((row, meta) -> Map.entry(row.get("id", Long.class), row.get("name", String.class)))
			.all()
			.collectList()
			.map(entries -> {
				Map<Long, String> ordered = new LinkedHashMap<>();
				entries.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
				return ordered;
			});
		Mono<Map<Long, Map<String, List<SeatMap.Seat>>>> seats = db.sql(
				"SELECT id, section_id, row_label, number, x, y FROM seat WHERE venue_id = :id ORDER BY id")
			.bind("id", venueId)
			.map((row, meta) -> new Object[] { row.get("section_id", Long.class), row.get("row_label", String.class),
					new SeatMap.Seat(row.get("id", Long.class), row.get("number", Integer.class), row.get("x", Float.class),
							row.get("y", Float.class)) })
			.all()
			.collect(LinkedHashMap::new, (bySection, seat) -> bySection
				.computeIfAbsent((Long) seat[0], id -> new LinkedHashMap<>())
				.computeIfAbsent((String) seat[1], label -> new ArrayList<>())
				.add((SeatMap.Seat) seat[2]));
		return Mono.zip(sections, seats).map(t -> t.getT1().entrySet().stream().map(section -> {
			var rows = t.getT2().getOrDefault(section.getKey(), Map.of()).entrySet().stream()
				.map(row -> new SeatMap.Row(row.getKey(), row.getValue()))
				.toList();
			int seatCount = rows.stream().mapToInt(row -> row.seats().size()).sum();
			return new VenueResource.Section(section.getKey(), section.getValue(), seatCount, rows);
		}).toList());
	}

	private DatabaseClient.GenericExecuteSpec attributes(DatabaseClient.GenericExecuteSpec spec, VenueRequest venue) {
		spec = spec.bind("name", venue.name().trim())
			.bind("city", venue.city().trim())
			.bind("country", venue.country())
			.bind("lat", venue.lat())
			.bind("lon", venue.lon())
			.bind("timezone", venue.timezone());
		if (venue.stage() == null) {
			return spec.bindNull("stage", String.class);
		}
		var stage = venue.stage();
		return spec.bind("stage", json.writeValueAsString(new SeatMap.Stage(stage.x(), stage.y(), stage.width(), stage.height(),
				stage.label() == null ? "" : stage.label())));
	}
}
