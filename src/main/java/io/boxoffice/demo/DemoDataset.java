package io.boxoffice.demo;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Loads the demo dataset into an empty database, all in one transaction (a crash leaves nothing
 * half-loaded). Each table is written by a single {@code INSERT … SELECT FROM unnest(arrays)}, which
 * moves a quarter of a million seats in a few seconds.
 */
@Component
public class DemoDataset {

	static final long SEED = 20_261_121L;
	private static final Logger log = LoggerFactory.getLogger(DemoDataset.class);

	private final DatabaseClient db;
	private final TransactionalOperator transactions;
	private final Clock clock;
	private final DemoDataReadiness readiness;

	DemoDataset(DatabaseClient db, TransactionalOperator transactions, Clock clock, DemoDataReadiness readiness) {
		this.db = db;
		this.transactions = transactions;
		this.clock = clock;
		this.readiness = readiness;
	}

	/** Loads the dataset unless the catalog already has venues; emits whether it loaded. Then the instance is ready. */
	public Mono<Boolean> loadIfAbsent() {
		return db.sql("SELECT EXISTS (SELECT 1 FROM venue) AS present")
			.map((row, meta) -> row.get("present", Boolean.class))
			.one()
			.flatMap(present -> present ? Mono.just(false) : load().thenReturn(true))
			.doOnSuccess(loaded -> readiness.dataPresent());
	}

	private Mono<Void> load() {
		long started = System.nanoTime();
		DemoData data = new DemoDataGenerator(SEED, DemoDataGenerator.today(Instant.now(clock))).generate();
		return transactions.transactional(venues(data)
			.then(sectionsAndSeats(data))
			.then(performers(data))
			.then(events(data))
			.then(eventPerformers(data))
			.then(priceTiers(data))
			.then(resetIdentities()))
			.doOnSuccess(done -> log.info("Loaded demo dataset: {} venues, {} performers, {} events in {} ms",
					data.venues().size(), data.performers().size(), data.events().size(), (System.nanoTime() - started) / 1_000_000));
	}

	private Mono<Void> venues(DemoData data) {
		var venues = data.venues();
		return db.sql("""
				INSERT INTO venue (id, name, city, country, lat, lon, timezone, stage)
				SELECT id, name, city, country, lat, lon, timezone, CAST(stage AS jsonb)
				FROM unnest(CAST(:ids AS bigint[]), CAST(:names AS text[]), CAST(:cities AS text[]), CAST(:countries AS text[]),
				            CAST(:lats AS float8[]), CAST(:lons AS float8[]), CAST(:zones AS text[]), CAST(:stages AS text[]))
				     AS v(id, name, city, country, lat, lon, timezone, stage)
				""")
			.bind("ids", venues.stream().map(DemoData.Venue::id).toArray(Long[]::new))
			.bind("names", venues.stream().map(DemoData.Venue::name).toArray(String[]::new))
			.bind("cities", venues.stream().map(v -> v.city().name()).toArray(String[]::new))
			.bind("countries", venues.stream().map(v -> v.city().country()).toArray(String[]::new))
			.bind("lats", venues.stream().map(v -> v.city().lat()).toArray(Double[]::new))
			.bind("lons", venues.stream().map(v -> v.city().lon()).toArray(Double[]::new))
			.bind("zones", venues.stream().map(v -> v.city().timezone()).toArray(String[]::new))
			.bind("stages", venues.stream().map(v -> stageJson(v.layout().stage())).toArray(String[]::new))
			.then();
	}

	private Mono<Void> sectionsAndSeats(DemoData data) {
		var sectionIds = new ArrayList<Long>();
		var sectionVenues = new ArrayList<Long>();
		var sectionNames = new ArrayList<String>();
		var sectionPositions = new ArrayList<Integer>();
		var seats = new SeatColumns();
		long sectionId = 0;
		for (DemoData.Venue venue : data.venues()) {
			int position = 0;
			for (VenueLayout.Section section : venue.layout().sections()) {
				sectionId++;
				sectionIds.add(sectionId);
				sectionVenues.add(venue.id());
				sectionNames.add(section.name());
				sectionPositions.add(position++);
				for (VenueLayout.Row row : section.rows()) {
					for (VenueLayout.Seat seat : row.seats()) {
						seats.add(venue.id(), sectionId, row.label(), seat);
					}
				}
			}
		}
		Mono<Void> sections = db.sql("""
				INSERT INTO section (id, venue_id, name, position)
				SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:venues AS bigint[]), CAST(:names AS text[]), CAST(:positions AS int[]))
				""")
			.bind("ids", sectionIds.toArray(Long[]::new))
			.bind("venues", sectionVenues.toArray(Long[]::new))
			.bind("names", sectionNames.toArray(String[]::new))
			.bind("positions", sectionPositions.toArray(Integer[]::new))
			.then();
		Mono<Void> seatRows = db.sql("""
				INSERT INTO seat (venue_id, section_id, row_label, number, x, y)
				SELECT * FROM unnest(CAST(:venues AS bigint[]), CAST(:sections AS bigint[]), CAST(:rows AS text[]),
				                     CAST(:numbers AS int[]), CAST(:xs AS real[]), CAST(:ys AS real[]))
				""")
			.bind("venues", seats.venues.toArray(Long[]::new))
			.bind("sections", seats.sections.toArray(Long[]::new))
			.bind("rows", seats.rows.toArray(String[]::new))
			.bind("numbers", seats.numbers.toArray(Integer[]::new))
			.bind("xs", seats.xs.toArray(Float[]::new))
			.bind("ys", seats.ys.toArray(Float[]::new))
			.then();
		return sections.then(seatRows);
	}

	private Mono<Void> performers(DemoData data) {
		var performers = data.performers();
		return db.sql("""
				INSERT INTO performer (id, name, genre, bio)
				SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:names AS text[]), CAST(:genres AS text[]), CAST(:bios AS text[]))
				""")
			.bind("ids", java.util.stream.LongStream.rangeClosed(1, performers.size()).boxed().toArray(Long[]::new))
			.bind("names", performers.stream().map(DemoPerformers.Performer::name).toArray(String[]::new))
			.bind("genres", performers.stream().map(DemoPerformers.Performer::genre).toArray(String[]::new))
			.bind("bios", performers.stream().map(p -> p.name() + " (" + p.genre() + ")").toArray(String[]::new))
			.then();
	}

	private Mono<Void> events(DemoData data) {
		var events = data.events();
		return db.sql("""
				INSERT INTO event (id, venue_id, name, description, category, starts_at, city, lat, lon, on_sale_at)
				SELECT e.id, e.venue_id, e.name, e.description, e.category, to_timestamp(e.starts_ms / 1000.0),
				       v.city, v.lat, v.lon, to_timestamp(e.on_sale_ms / 1000.0)
				FROM unnest(CAST(:ids AS bigint[]), CAST(:venues AS bigint[]), CAST(:names AS text[]), CAST(:descriptions AS text[]),
				            CAST(:categories AS text[]), CAST(:starts AS bigint[]), CAST(:onSales AS bigint[]))
				     AS e(id, venue_id, name, description, category, starts_ms, on_sale_ms)
				JOIN venue v ON v.id = e.venue_id
				""")
			.bind("ids", events.stream().map(DemoData.Event::id).toArray(Long[]::new))
			.bind("venues", events.stream().map(e -> e.venue().id()).toArray(Long[]::new))
			.bind("names", events.stream().map(DemoData.Event::name).toArray(String[]::new))
			.bind("descriptions", events.stream().map(DemoData.Event::description).toArray(String[]::new))
			.bind("categories", events.stream().map(e -> e.category().name()).toArray(String[]::new))
			.bind("starts", events.stream().map(e -> e.startsAt().toEpochMilli()).toArray(Long[]::new))
			.bind("onSales", events.stream().map(e -> e.onSaleAt().toEpochMilli()).toArray(Long[]::new))
			.then();
	}

	private Mono<Void> eventPerformers(DemoData data) {
		var eventIds = new ArrayList<Long>();
		var performerIds = new ArrayList<Long>();
		var order = new ArrayList<Integer>();
		for (DemoData.Event event : data.events()) {
			for (int i = 0; i < event.performerIds().size(); i++) {
				eventIds.add(event.id());
				performerIds.add(event.performerIds().get(i));
				order.add(i);
			}
		}
		return db.sql("""
				INSERT INTO event_performer (event_id, performer_id, billing_order)
				SELECT * FROM unnest(CAST(:events AS bigint[]), CAST(:performers AS bigint[]), CAST(:orders AS int[]))
				""")
			.bind("events", eventIds.toArray(Long[]::new))
			.bind("performers", performerIds.toArray(Long[]::new))
			.bind("orders", order.toArray(Integer[]::new))
			.then();
	}

	/** Section ids were assigned in venue order, so a venue's i-th section has id firstSectionId + i. */
	private Mono<Void> priceTiers(DemoData data) {
		long[] firstSectionId = new long[data.venues().size() + 1];
		long next = 1;
		for (DemoData.Venue venue : data.venues()) {
			firstSectionId[(int) venue.id()] = next;
			next += venue.layout().sections().size();
		}
		var eventIds = new ArrayList<Long>();
		var sectionIds = new ArrayList<Long>();
		var prices = new ArrayList<Integer>();
		var currencies = new ArrayList<String>();
		for (DemoData.Event event : data.events()) {
			for (int i = 0; i < event.sectionPrices().length; i++) {
				eventIds.add(event.id());
				sectionIds.add(firstSectionId[(int) event.venue().id()] + i);
				prices.add(event.sectionPrices()[i]);
				currencies.add(event.venue().city().currency());
			}
		}
		return db.sql("""
				INSERT INTO price_tier (event_id, section_id, price_cents, currency)
				SELECT * FROM unnest(CAST(:events AS bigint[]), CAST(:sections AS bigint[]), CAST(:prices AS int[]), CAST(:currencies AS text[]))
				""")
			.bind("events", eventIds.toArray(Long[]::new))
			.bind("sections", sectionIds.toArray(Long[]::new))
			.bind("prices", prices.toArray(Integer[]::new))
			.bind("currencies", currencies.toArray(String[]::new))
			.then();
	}

	/** Ids were given explicitly; move the identity sequences past them so later inserts do not collide. */
	private Mono<Void> resetIdentities() {
		return reactor.core.publisher.Flux.fromIterable(List.of("venue", "section", "seat", "performer", "event"))
			.concatMap(table -> db.sql("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))").then())
			.then();
	}

	private static String stageJson(VenueLayout.Stage stage) {
		return String.format(java.util.Locale.ROOT, "{\"x\":%s,\"y\":%s,\"width\":%s,\"height\":%s,\"label\":\"%s\"}",
				stage.x(), stage.y(), stage.width(), stage.height(), stage.label());
	}

	/** Column arrays for the seat insert. */
	private static final class SeatColumns {

		final List<Long> venues = new ArrayList<>();
		final List<Long> sections = new ArrayList<>();
		final List<String> rows = new ArrayList<>();
		final List<Integer> numbers = new ArrayList<>();
		final List<Float> xs = new ArrayList<>();
		final List<Float> ys = new ArrayList<>();

		void add(long venue, long section, String row, VenueLayout.Seat seat) {
			venues.add(venue);
			sections.add(section);
			rows.add(row);
			numbers.add(seat.number());
			xs.add((float) seat.x());
			ys.add((float) seat.y());
		}
	}
}
