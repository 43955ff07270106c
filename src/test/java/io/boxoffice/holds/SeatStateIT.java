package io.boxoffice.holds;

import io.boxoffice.support.MutableClock;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.catalog.Category;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat-state scripts through {@link SeatHolds} and {@link HoldScripts}, against the real Redis: versions,
 * stream entries, expiry, extension and the sold set.
 */
@HoldsIntegrationTest
class SeatStateIT {

	@Autowired
	SeatHolds holds;

	@Autowired
	HoldScripts scripts;

	@Autowired
	HoldSweeper sweeper;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	DatabaseClient db;

	@Autowired
	MutableClock clock;

	CatalogFixtures fixtures;
	TestEvent event;
	List<Long> seats;

	@BeforeEach
	void setUp() {
		fixtures = new CatalogFixtures(db);
		event = fixtures.event("State", CatalogFixtures.unique("Statetown"), Category.THEATRE, clock.instant().plus(5, ChronoUnit.DAYS));
		seats = event.frontSeatIds();
	}

	@AfterEach
	void putTheClockBack() {
		clock.reset();
	}

	@Test
	void everySeatChangeBumpsTheVersionAndAppendsOneEntryWithEachSeatsStatus() {
		Hold ada = hold("ada", seats.get(0), seats.get(1));
		assertThat(entries()).containsExactly(entry(1, "hold", seats.get(0), "held", seats.get(1), "held"));

		StepVerifier.create(holds.hold("bob", event.id(), List.of(seats.get(1), seats.get(2)), Optional.empty()))
			.expectError(ErrorResponseException.class).verify();
		assertThat(version()).as("a refused hold changes nothing").isEqualTo(1);

		holds.release("ada", ada.id()).block();
		Hold cy = hold("cy", seats.get(2), seats.get(3));
		clock.advance(Duration.ofMinutes(11));
		scripts.expireDue(event.id(), clock.millis(), 100).block();
		Hold dan = hold("dan", seats.get(4), seats.get(5));
		holds.markSold(event.id(), dan.id(), List.of(seats.get(4))).block();
		holds.unsell(event.id(), List.of(seats.get(4))).block();

		assertThat(entries()).containsExactly(
				entry(1, "hold", seats.get(0), "held", seats.get(1), "held"),
				entry(2, "release", seats.get(0), "free", seats.get(1), "free"),
				entry(3, "hold", seats.get(2), "held", seats.get(3), "held"),
				entry(4, "expire", seats.get(2), "free", seats.get(3), "free"),
				entry(5, "hold", seats.get(4), "held", seats.get(5), "held"),
				entry(6, "sell", seats.get(4), "sold", seats.get(5), "free"),
				entry(7, "unsell", seats.get(4), "free"));
		assertThat(version()).isEqualTo(7);
		assertThat(holds.find(cy.id()).blockOptional()).isEmpty();
		assertThat(holds.find(dan.id()).blockOptional()).as("a sold hold ends").isEmpty();
	}

	@Test
	void expiringIsIdempotentWhoeverCallsIt() {
		Hold ada = hold("ada", seats.get(0));
		clock.advance(Duration.ofMinutes(10));

		long now = clock.millis();
		scripts.expireDue(event.id(), now, 100).block();
		assertThat(scripts.expireDue(event.id(), now, 100).block()).isEqualTo(new HoldScripts.Expired(0, -1, 0));
		sweeper.sweep(event.id(), now).block();

		assertThat(entries()).extracting(entry -> entry.get("op")).containsExactly("hold", "expire");
		assertThat(redis.hasKey(HoldKeys.hold(event.id(), seats.get(0))).block()).isFalse();
		assertThat(redis.hasKey(HoldKeys.record(event.id(), ada.id())).block()).isFalse();
		assertThat(redis.hasKey(HoldKeys.userHolds(event.id(), "ada")).block()).isFalse();
		assertThat(redis.opsForZSet().size(HoldKeys.expiries(event.id())).block()).isZero();
	}

	@Test
	void aMassExpiryIsSweptInOneTickNotOneBatchPerTick() {
		List<Hold> expiring = seats.subList(0, 7).stream().map(seat -> hold("mass-" + seat, seat)).toList();
		sweeper.stop(); // only the call below sweeps, so a tick of the running sweeper cannot do the work for it
		try {
			clock.advance(Duration.ofMinutes(10).plusSeconds(1));
			sweeper.sweepUntilCaughtUp(2).block(); // 2 holds per event per pass: one pass would end only 2 of the 7
		}
		finally {
			sweeper.start();
		}

		assertThat(expiring).allSatisfy(hold -> assertThat(redis.hasKey(HoldKeys.record(event.id(), hold.id())).block())
			.as("record of %s", hold.id()).isFalse());
		assertThat(entries()).filteredOn(entry -> "expire".equals(entry.get("op"))).isNotEmpty();
		assertThat(redis.opsForZSet().size(HoldKeys.expiries(event.id())).block()).isZero();
	}

	@Test
	void theSweeperEndsExpiredHoldsOnItsOwn() throws InterruptedException {
		Hold ada = hold("ada", seats.get(0), seats.get(1));
		clock.advance(Duration.ofMinutes(10).plusSeconds(1));

		Instant deadline = Instant.now().plusSeconds(15);
		while (redis.hasKey(HoldKeys.record(event.id(), ada.id())).block() && Instant.now().isBefore(deadline)) {
			Thread.sleep(50); // polling with a deadline, not synchronising: the sweeper ticks every second
		}
		assertThat(redis.hasKey(HoldKeys.record(event.id(), ada.id())).block()).as("swept").isFalse();
		assertThat(entries()).last().isEqualTo(entry(2, "expire", seats.get(0), "free", seats.get(1), "free"));
		assertThat(redis.opsForZSet().score(HoldKeys.eventsWithHolds(event.id()), Long.toString(event.id())).block())
			.as("no holds left, so the event left the index").isNull();
	}

	@Test
	void anExtendedHoldIsNotExpiredAtItsFirstExpiry() {
		Hold ada = hold("ada", seats.get(0));
		clock.advance(Duration.ofMinutes(1));

		Instant before = clock.instant().truncatedTo(ChronoUnit.MILLIS);
		Hold extended = holds.extend(ada.id()).block();
		assertThat(extended.extended()).isTrue();
		assertThat(extended.expiresAt()).isBetween(before.plus(Duration.ofMinutes(15)), clock.instant().plus(Duration.ofMinutes(15)));

		clock.advance(Duration.ofMinutes(10));
		assertThat(holds.extend(ada.id()).block().expiresAt()).as("a second extension changes nothing")
			.isEqualTo(extended.expiresAt());
		scripts.expireDue(event.id(), clock.millis(), 100).block();
		assertThat(holds.find(ada.id()).block()).isEqualTo(extended);
		assertThat(redis.getExpire(HoldKeys.hold(event.id(), seats.get(0))).block()).isGreaterThan(Duration.ofMinutes(10));

		clock.advance(Duration.ofMinutes(5));
		assertThat(holds.extend(ada.id()).blockOptional()).as("an expired hold cannot be extended").isEmpty();
	}

	@Test
	void extendingAHoldWhoseSeatWasTakenNamesTheSeat() {
		Hold ada = hold("ada", seats.get(0), seats.get(1));
		redis.opsForValue().set(HoldKeys.hold(event.id(), seats.get(1)), event.id() + "-someone-else").block();

		StepVerifier.create(holds.extend(ada.id()))
			.expectErrorSatisfies(error -> assertThat(((ErrorResponseException) error).getBody().getProperties())
				.containsEntry("unavailableSeatIds", List.of(seats.get(1))))
			.verify();
	}

	@Test
	void releaseOnlyDeletesHoldKeysThatStillNameTheHold() {
		Hold ada = hold("ada", seats.get(0), seats.get(1));
		String other = event.id() + "-ffffffffffffffffffffffffffffffff";
		redis.opsForValue().set(HoldKeys.hold(event.id(), seats.get(1)), other).block();

		holds.release("ada", ada.id()).block();

		assertThat(redis.opsForValue().get(HoldKeys.hold(event.id(), seats.get(1))).block()).isEqualTo(other);
		assertThat(redis.hasKey(HoldKeys.hold(event.id(), seats.get(0))).block()).isFalse();
		assertThat(entries()).last().isEqualTo(entry(2, "release", seats.get(0), "free"));
	}

	@Test
	void sellingAndUnsellingLoadTheSoldSetFromPostgresWhenRedisLostIt() {
		fixtures.sell(event, seats.get(7));
		holds.markSold(event.id(), null, List.of(seats.get(6))).block(); // not loaded yet: loads, then sells

		assertThat(redis.opsForSet().members(HoldKeys.sold(event.id())).collectList().block())
			.containsExactlyInAnyOrder("loaded", seats.get(6).toString(), seats.get(7).toString());
		assertThat(entries()).containsExactly(entry(1, "sell", seats.get(6), "sold"));

		redis.delete(HoldKeys.sold(event.id())).block();
		holds.unsell(event.id(), List.of(seats.get(7))).block();
		assertThat(redis.opsForSet().members(HoldKeys.sold(event.id())).collectList().block())
			.containsExactlyInAnyOrder("loaded");
		assertThat(entries()).last().isEqualTo(entry(2, "unsell", seats.get(7), "free"));

		holds.rebuildSold(event.id()).block();
		assertThat(redis.opsForSet().members(HoldKeys.sold(event.id())).collectList().block())
			.as("Postgres says seat 7 is sold; the rebuild believes it")
			.containsExactlyInAnyOrder("loaded", seats.get(7).toString());
	}

	@Test
	void aRedisThatForgotTheScriptsIsSentThemAgain() {
		redis.execute(connection -> connection.scriptingCommands().scriptFlush()).blockLast();

		Hold ada = hold("ada", seats.get(0), seats.get(1));

		assertThat(ada.seatIds()).containsExactly(seats.get(0), seats.get(1));
		assertThat(entries()).containsExactly(entry(1, "hold", seats.get(0), "held", seats.get(1), "held"));
	}

	private Hold hold(String user, Long... seatIds) {
		return holds.hold(user, event.id(), List.of(seatIds), Optional.empty()).block();
	}

	private long version() {
		return Long.parseLong(redis.opsForValue().get(HoldKeys.version(event.id())).block());
	}

	private List<Map<String, String>> entries() {
		return redis.opsForStream().range(HoldKeys.changes(event.id()), Range.unbounded())
			.map(SeatStateIT::fields)
			.collectList()
			.block();
	}

	private static Map<String, String> fields(MapRecord<String, Object, Object> record) {
		var fields = new LinkedHashMap<String, String>();
		record.getValue().forEach((field, value) -> fields.put(field.toString(), value.toString()));
		return fields;
	}

	private static Map<String, String> entry(long version, String op, Object... seatsAndStatuses) {
		var fields = new LinkedHashMap<String, String>();
		fields.put("v", Long.toString(version));
		fields.put("op", op);
		for (int i = 0; i < seatsAndStatuses.length; i += 2) {
			fields.put(seatsAndStatuses[i].toString(), seatsAndStatuses[i + 1].toString());
		}
		return fields;
	}
}
