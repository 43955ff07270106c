package io.boxoffice.holds;

import io.boxoffice.support.MutableClock;

import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * The seat-state scripts through {@link SeatHolds} and {@link HoldScripts}, against the real Redis: versions,
 * stream entries, expiry, extension and the sold set. The scripts take the time from Redis ({@code TIME}), so holds
 * that must expire here are short ones ({@link SeatHolds#holdFor}) and the tests wait for Redis's time to pass them;
 * the application's clock is moved only to show that it does not matter.
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
	PromptExpiry promptExpiry;

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
		Hold cy = holdBriefly("cy", seats.get(2), seats.get(3));
		// Whoever expires it (this call, the sweeper or prompt expiry), its entry is the fourth.
		await().atMost(WAIT).untilAsserted(() -> {
			scripts.expireDue(event.id(), 100).block();
			assertThat(version()).isEqualTo(4);
		});
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
		Hold ada = holdBriefly("ada", seats.get(0));

		// This call, the sweeper and prompt expiry all try, each poll; only one of them ends the hold.
		await().atMost(WAIT).untilAsserted(() -> {
			scripts.expireDue(event.id(), 100).block();
			assertThat(redis.hasKey(HoldKeys.record(event.id(), ada.id())).block()).isFalse();
		});
		assertThat(scripts.expireDue(event.id(), 100).block()).isEqualTo(new HoldScripts.Expired(0, -1, 0));
		sweeper.sweep(event.id(), clock.millis()).block();

		assertThat(entries()).extracting(entry -> entry.get("op")).containsExactly("hold", "expire");
		assertThat(redis.hasKey(HoldKeys.hold(event.id(), seats.get(0))).block()).isFalse();
		assertThat(redis.hasKey(HoldKeys.record(event.id(), ada.id())).block()).isFalse();
		assertThat(redis.hasKey(HoldKeys.userHolds(event.id(), "ada")).block()).isFalse();
		assertThat(redis.opsForZSet().size(HoldKeys.expiries(event.id())).block()).isZero();
	}

	@Test
	void aMassExpiryIsSweptInOneTickNotOneBatchPerTick() {
		// Only the call below sweeps, so neither a tick of the running sweeper nor prompt expiry can do the work for it.
		sweeper.stop();
		promptExpiry.stop();
		try {
			List<Hold> expiring = seats.subList(0, 7).stream().map(seat -> holdBriefly("mass-" + seat, seat)).toList();
			awaitKeysExpired(seats.subList(0, 7));
			sweeper.sweepUntilCaughtUp(2).block(); // 2 holds per event per pass: one pass would end only 2 of the 7

			assertThat(expiring).allSatisfy(hold -> assertThat(redis.hasKey(HoldKeys.record(event.id(), hold.id())).block())
				.as("record of %s", hold.id()).isFalse());
		}
		finally {
			sweeper.start();
			promptExpiry.start();
		}

		assertThat(entries()).filteredOn(entry -> "expire".equals(entry.get("op"))).isNotEmpty();
		assertThat(redis.opsForZSet().size(HoldKeys.expiries(event.id())).block()).isZero();
	}

	@Test
	void theSweeperEndsExpiredHoldsOnItsOwn() {
		promptExpiry.stop(); // the sweeper alone, as when no instance leads prompt expiry
		try {
			Hold ada = holdBriefly("ada", seats.get(0), seats.get(1));

			// The sweeper ticks every second.
			await().atMost(WAIT).until(() -> !redis.hasKey(HoldKeys.record(event.id(), ada.id())).block());
		}
		finally {
			promptExpiry.start();
		}
		assertThat(entries()).last().isEqualTo(entry(2, "expire", seats.get(0), "free", seats.get(1), "free"));
		assertThat(redis.opsForZSet().score(HoldKeys.eventsWithHolds(event.id()), Long.toString(event.id())).block())
			.as("no holds left, so the event left the index").isNull();
	}

	@Test
	void anExtendedHoldIsNotExpiredAtItsFirstExpiry() {
		Hold ada = holds.holdFor("ada", event.id(), List.of(seats.get(0)), Duration.ofSeconds(3)).block();

		long before = redisMillis();
		Hold extended = holds.extend(ada.id(), Duration.ofSeconds(6)).block();
		long after = redisMillis();
		assertThat(extended.extended()).isTrue();
		assertThat(extended.expiresAt().toEpochMilli()).as("Redis's time of the extension plus the window")
			.isBetween(before + 6_000, after + 6_000);

		await().atMost(WAIT).until(() -> redisMillis() > ada.expiresAt().toEpochMilli());
		assertThat(holds.extend(ada.id(), Duration.ofSeconds(6)).block().expiresAt()).as("a second extension changes nothing")
			.isEqualTo(extended.expiresAt());
		scripts.expireDue(event.id(), 100).block();
		assertThat(holds.find(ada.id()).block()).as("live past its first expiry").isEqualTo(extended);
		assertThat(redis.hasKey(HoldKeys.hold(event.id(), seats.get(0))).block()).as("the seat's key was extended too").isTrue();

		await().atMost(WAIT).untilAsserted(() -> assertThat(holds.extend(ada.id(), Duration.ofSeconds(6)).blockOptional())
			.as("an expired hold cannot be extended").isEmpty());
		assertThat(redisMillis()).isGreaterThanOrEqualTo(extended.expiresAt().toEpochMilli());
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

	/**
	 * Two instances of the service, one of them an hour ahead: the hold is taken with the clock right, then looked at,
	 * swept and competed for with the clock an hour ahead. Judged by each instance's clock, the second would end it.
	 */
	@Test
	void aHoldTakenByOneInstanceIsLiveForAnotherWhoseClockIsAnHourAhead() {
		Hold ada = hold("ada", seats.get(0));
		clock.advance(Duration.ofHours(1));

		assertThat(scripts.expireDue(event.id(), 100).block().holds()).as("not expired by Redis's time").isZero();
		sweeper.sweepUntilCaughtUp(100).block(); // the index says due by this clock; the script says not yet
		assertThat(holds.find(ada.id()).block()).isEqualTo(ada);
		StepVerifier.create(holds.hold("bob", event.id(), List.of(seats.get(0)), Optional.empty()))
			.expectErrorSatisfies(error -> assertThat(((ErrorResponseException) error).getBody().getProperties())
				.containsEntry("unavailableSeatIds", List.of(seats.get(0))))
			.verify();
		assertThat(entries()).extracting(entry -> entry.get("op")).containsExactly("hold");
	}

	@Test
	void aHoldTakenByAnInstanceWhoseClockIsAnHourAheadExpiresByRedisTime() {
		clock.advance(Duration.ofHours(1));

		long before = redisMillis();
		Hold ada = hold("ada", seats.get(0));
		long after = redisMillis();
		assertThat(ada.expiresAt().toEpochMilli()).as("Redis's time plus the 10 minute ttl, not this instance's")
			.isBetween(before + Duration.ofMinutes(10).toMillis(), after + Duration.ofMinutes(10).toMillis());
		assertThat(holds.find(ada.id()).block()).isEqualTo(ada);
	}

	private static final Duration WAIT = Duration.ofSeconds(15);

	private Hold hold(String user, Long... seatIds) {
		return holds.hold(user, event.id(), List.of(seatIds), Optional.empty()).block();
	}

	/** A hold of one second (a waitlist offer's path, which takes its ttl), to see it expire by Redis's time. */
	private Hold holdBriefly(String user, Long... seatIds) {
		return holds.holdFor(user, event.id(), List.of(seatIds), Duration.ofSeconds(1)).block();
	}

	/** Redis expires a hold's seat keys when the hold expires (one script sets both): waits until Redis's time is past. */
	private void awaitKeysExpired(List<Long> seatIds) {
		await().atMost(WAIT).until(() -> seatIds.stream().noneMatch(seat -> redis.hasKey(HoldKeys.hold(event.id(), seat)).block()));
	}

	private long redisMillis() {
		return redis.execute(connection -> connection.serverCommands().time()).next().block();
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
