package io.boxoffice.catalog.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** SQL for writing events, their performers and price tiers; the caller supplies the transaction. */
@Repository
class EventWrites {

	private final DatabaseClient db;

	EventWrites(DatabaseClient db) {
		this.db = db;
	}

	/** Locks the venue against a concurrent layout change and emits its sections (id → name); 400 if unknown. */
	Mono<Map<Long, String>> venueSections(long venueId) {
		Mono<Long> venue = db.sql("SELECT id FROM venue WHERE id = :id FOR SHARE").bind("id", venueId)
			.map((row, meta) -> row.get("id", Long.class)).one()
			.switchIfEmpty(Mono.error(() -> AdminProblems.invalid(AdminProblems.UNKNOWN_VENUE, "Unknown venue", "venueId",
					"there is no venue with id " + venueId)));
		return venue.then(db.sql("SELECT id, name FROM section WHERE venue_id = :id ORDER BY position")
			.bind("id", venueId)
			.map((row, meta) -> Map.entry(row.get("id", Long.class), row.get("name", String.class)))
			.all()
			.collect(LinkedHashMap::new, (sections, entry) -> sections.put(entry.getKey(), entry.getValue())));
	}

	/** Locks the event row and emits its venue id; 404 if there is no such event. */
	Mono<Long> lock(long eventId) {
		return db.sql("SELECT venue_id FROM event WHERE id = :id FOR UPDATE").bind("id", eventId)
			.map((row, meta) -> row.get("venue_id", Long.class)).one()
			.switchIfEmpty(Mono.error(() -> AdminProblems.notFound(AdminProblems.EVENT_NOT_FOUND, "Event", eventId)));
	}

	/** Sold tickets or bookings in progress tie the event to its venue's seats. */
	Mono<Boolean> hasSales(long eventId) {
		return db.sql("""
				SELECT EXISTS (SELECT 1 FROM ticket WHERE event_id = :id)
				    OR EXISTS (SELECT 1 FROM booking WHERE event_id = :id AND status IN ('PENDING', 'CONFIRMED')) AS sold
				""").bind("id", eventId).map((row, meta) -> row.get("sold", Boolean.class)).one();
	}

	Mono<EventChanges.Changed> insert(EventRequest event) {
		return fields(db.sql("""
				INSERT INTO event (venue_id, name, description, category, starts_at, on_sale_at, queue_mode, city, lat, lon)
				SELECT v.id, :name, :description, :category, :startsAt, :onSaleAt, :queueMode, v.city, v.lat, v.lon
				FROM venue v WHERE v.id = :venue
				RETURNING id, version, starts_at
				"""), event).map((row, meta) -> changed(row)).one();
	}

	/** Replaces the editable fields and bumps the version. */
	Mono<EventChanges.Changed> update(long eventId, EventRequest event) {
		return fields(db.sql("""
				UPDATE event e SET venue_id = v.id, name = :name, description = :description, category = :category,
				       starts_at = :startsAt, on_sale_at = :onSaleAt, queue_mode = :queueMode, city = v.city, lat = v.lat,
				       lon = v.lon, version = e.version + 1, updated_at = now()
				FROM venue v WHERE v.id = :venue AND e.id = :id
				RETURNING e.id, e.version, e.starts_at
				"""), event).bind("id", eventId).map((row, meta) -> changed(row)).one();
	}

	/** Emits the ids among {@code performerIds} that name no performer. */
	Mono<List<Long>> unknownPerformers(List<Long> performerIds) {
		if (performerIds.isEmpty()) {
			return Mono.just(List.of());
		}
		return db.sql("SELECT id FROM performer WHERE id = ANY (CAST(:ids AS bigint[]))")
			.bind("ids", performerIds.toArray(Long[]::new))
			.map((row, meta) -> row.get("id", Long.class))
			.all()
			.collect(java.util.stream.Collectors.toSet())
			.map((Set<Long> known) -> performerIds.stream().filter(id -> !known.contains(id)).toList());
	}

	/** Replaces the line-up; list order is billing order. */
	Mono<Void> replacePerformers(long eventId, List<Long> performerIds) {
		Mono<Void> delete = db.sql("DELETE FROM event_performer WHERE event_id = :id").bind("id", eventId).then();
		if (performerIds.isEmpty()) {
			return delete;
		}
		return delete.then(db.sql("""
				INSERT INTO event_performer (event_id, performer_id, billing_order)
				SELECT :event, p.id, p.ordinal - 1 FROM unnest(CAST(:ids AS bigint[])) WITH ORDINALITY AS p(id, ordinal)
				""").bind("event", eventId).bind("ids", performerIds.toArray(Long[]::new)).then());
	}

	/** Replaces the price tiers; tickets keep the price they sold at, so this only changes future sales. */
	Mono<Void> replaceTiers(long eventId, List<EventChecks.Tier> tiers) {
		var sections = new ArrayList<Long>();
		var prices = new ArrayList<Integer>();
		var currencies = new ArrayList<String>();
		tiers.forEach(tier -> {
			sections.add(tier.sectionId());
			prices.add(tier.priceCents());
			currencies.add(tier.currency());
		});
		return db.sql("DELETE FROM price_tier WHERE event_id = :id").bind("id", eventId).then()
			.then(db.sql("""
					INSERT INTO price_tier (event_id, section_id, price_cents, currency)
					SELECT :event, t.section_id, t.price_cents, t.currency
					FROM unnest(CAST(:sections AS bigint[]), CAST(:prices AS int[]), CAST(:currencies AS text[]))
					     AS t(section_id, price_cents, currency)
					""")
				.bind("event", eventId)
				.bind("sections", sections.toArray(Long[]::new))
				.bind("prices", prices.toArray(Integer[]::new))
				.bind("currencies", currencies.toArray(String[]::new))
				.then());
	}

	private static DatabaseClient.GenericExecuteSpec fields(DatabaseClient.GenericExecuteSpec spec, EventRequest event) {
		return spec.bind("venue", event.venueId())
			.bind("name", event.name().trim())
			.bind("description", event.descriptionOrEmpty())
			.bind("category", event.category().name())
			.bind("startsAt", event.startsAt())
			.bind("onSaleAt", event.onSaleAt())
			.bind("queueMode", event.queueModeOrDefault());
	}

	private static EventChanges.Changed changed(io.r2dbc.spi.Readable row) {
		return new EventChanges.Changed(row.get("id", Long.class), row.get("version", Long.class), row.get("starts_at", Instant.class));
	}
}
