package io.boxoffice.holds;

import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The expiry index against the real Redis: granted holds' schedules are coalesced, and none is lost on the way.
 * The events are ids no fixture uses, scheduled a year ahead, so the running sweeper never visits them.
 */
@HoldsIntegrationTest
class ExpiryIndexIT {

	private static final long FIRST_EVENT = 9_100_000_000L;
	private static final int EVENTS = 20;

	@Autowired
	ExpiryIndex index;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	HoldSweeper sweeper;

	private final long yearAhead = System.currentTimeMillis() + Duration.ofDays(365).toMillis();

	@AfterEach
	void removeTestEvents() {
		LongStream.range(FIRST_EVENT, FIRST_EVENT + EVENTS).forEach(eventId -> index.remove(eventId).block());
	}

	@Test
	void coalescedSchedulesKeepTheEarliestExpiryOfEachEvent() {
		index.scheduleSoon(FIRST_EVENT, yearAhead + 500);
		index.scheduleSoon(FIRST_EVENT, yearAhead + 100);
		index.scheduleSoon(FIRST_EVENT, yearAhead + 300);
		index.scheduleSoon(FIRST_EVENT + 1, yearAhead + 700);
		index.flushPending().block();

		assertThat(score(FIRST_EVENT)).isEqualTo(yearAhead + 100);
		assertThat(score(FIRST_EVENT + 1)).isEqualTo(yearAhead + 700);

		index.scheduleSoon(FIRST_EVENT, yearAhead + 50);
		index.scheduleSoon(FIRST_EVENT + 1, yearAhead + 900); // later than indexed: never postpones the visit
		index.flushPending().block();

		assertThat(score(FIRST_EVENT)).isEqualTo(yearAhead + 50);
		assertThat(score(FIRST_EVENT + 1)).isEqualTo(yearAhead + 700);
	}

	@Test
	void dueEventsAreFoundInEveryShardOfTheIndex() {
		LongStream.range(FIRST_EVENT, FIRST_EVENT + EVENTS).forEach(eventId -> index.scheduleSoon(eventId, yearAhead));
		index.flushPending().block();

		assertThat(LongStream.range(FIRST_EVENT, FIRST_EVENT + EVENTS).mapToObj(HoldKeys::eventsWithHolds).distinct())
			.as("the test events cover every shard").hasSize(HoldKeys.EXPIRY_SHARDS);
		assertThat(index.due(yearAhead, 100_000).collectList().block())
			.containsAll(LongStream.range(FIRST_EVENT, FIRST_EVENT + EVENTS).boxed().toList());
	}

	@Test
	void aDueEventIsClaimedByOneSweeperOnly() {
		index.schedule(FIRST_EVENT, yearAhead).block();

		List<Boolean> claims = Flux.merge(index.remove(FIRST_EVENT), index.remove(FIRST_EVENT)).collectList().block();

		assertThat(claims).containsExactlyInAnyOrder(true, false);
	}

	/**
	 * Eight threads schedule while a ninth flushes over and over, as the sweeper does, racing the drain. Afterwards
	 * every event must reach Redis with the earliest expiry scheduled for it, with no further flush asked for: a
	 * schedule taken from the pending set but not sent, or left in it with no flush planned, fails the wait.
	 */
	@Test
	void racingSchedulesAllReachTheIndexThroughItsOwnFlushes() throws Exception {
		sweeper.stop(); // its ticks flush too, and would hide a schedule left with no flush planned
		try {
			Map<Long, Long> earliest = scheduleFromEightThreadsWhileFlushing();

			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> earliest.forEach((eventId, atMillis) ->
					assertThat(score(eventId)).as("event %d", eventId).isEqualTo(atMillis)));
		}
		finally {
			sweeper.start();
		}
	}

	/** Answers the earliest expiry scheduled for each event. */
	private Map<Long, Long> scheduleFromEightThreadsWhileFlushing() throws Exception {
		Map<Long, Long> earliest = new ConcurrentHashMap<>();
		int writers = 8;
		var start = new CountDownLatch(1);
		var writersDone = new CountDownLatch(writers);
		ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
		try {
			var threads = new ArrayList<Future<?>>();
			threads.add(pool.submit(() -> {
				start.await();
				while (writersDone.getCount() > 0) {
					index.flushPending().block();
				}
				return null;
			}));
			for (int t = 0; t < writers; t++) {
				threads.add(pool.submit(() -> {
					start.await();
					try {
						var random = ThreadLocalRandom.current();
						for (int i = 0; i < 5_000; i++) {
							long eventId = FIRST_EVENT + random.nextInt(EVENTS);
							long atMillis = yearAhead + random.nextInt(1_000_000);
							earliest.merge(eventId, atMillis, Math::min);
							index.scheduleSoon(eventId, atMillis);
						}
					}
					finally {
						writersDone.countDown();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> thread : threads) {
				thread.get();
			}
			return earliest;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private Long score(long eventId) {
		Double score = redis.opsForZSet().score(HoldKeys.eventsWithHolds(eventId), Long.toString(eventId)).block();
		return score == null ? null : score.longValue();
	}
}
