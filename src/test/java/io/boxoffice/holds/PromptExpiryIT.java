package io.boxoffice.holds;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import io.boxoffice.platform.Leadership;
import io.boxoffice.queue.AdmissionGate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Prompt expiry, once per deployment: two instances of it on one Redis and one Postgres (built here, on a lock key
 * of their own), the application's own one and its sweeper stopped, so nothing else frees a seat. The holds are
 * taken straight through the script, on an event nobody watches and the expiry index does not list: only a
 * prompt expiry frees them. On code where only watched events expired promptly, the seat stays held.
 */
@HoldsIntegrationTest
class PromptExpiryIT {

	@Autowired
	HoldScripts scripts;

	@Autowired
	HoldSettings settings;

	@Autowired
	Leadership leadership;

	@Autowired
	ChangeStream stream;

	@Autowired
	HoldSweeper sweeper;

	@Autowired
	PromptExpiry applicationsOwn;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@Autowired
	Clock clock;

	private final long eventId = 9_300_000_000L + ThreadLocalRandom.current().nextInt(1_000_000);
	private PromptExpiry first;
	private PromptExpiry second;

	@BeforeEach
	void twoInstancesAlone() {
		sweeper.stop();
		applicationsOwn.stop();
		var ours = new HoldSettings(settings.ttl(), settings.maxSeatsPerHold(), settings.maxSeatsPerUserPerEvent(),
				settings.paymentWindow(), settings.changesStreamMaxLength(), settings.sweepInterval(), settings.sweepBatchSize(),
				settings.eventCacheSize(), settings.eventCacheTtl(), 9_300_000L + ThreadLocalRandom.current().nextInt(1_000_000),
				Duration.ofMillis(200));
		first = new PromptExpiry(leadership, stream, sweeper, ours, clock);
		second = new PromptExpiry(leadership, stream, sweeper, ours, clock);
		scripts.loadSold(eventId, List.of(), true).block();
		first.start();
		second.start();
	}

	@AfterEach
	void theApplicationsOwnBack() {
		first.stop();
		second.stop();
		applicationsOwn.start();
		sweeper.start();
	}

	@Test
	void anExpiredHoldOfAnUnwatchedEventIsFreedAndAnnouncedOnceByTheOneLeader() {
		await().atMost(Duration.ofSeconds(10)).until(() -> leaders() == 1);
		await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2)).until(() -> leaders() == 1);
		PromptExpiry leader = first.leading() ? first : second;
		PromptExpiry follower = leader == first ? second : first;

		holdBriefly(11);

		await().atMost(Duration.ofSeconds(5)).until(() -> freed(11) == 1);
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> freed(11) == 1);
		assertThat(leader.sweeps()).isPositive();
		assertThat(follower.sweeps()).as("the follower swept nothing").isZero();
	}

	@Test
	void aStoppedLeaderIsReplacedAndHoldsStillExpirePromptly() {
		await().atMost(Duration.ofSeconds(10)).until(() -> leaders() == 1);
		PromptExpiry leader = first.leading() ? first : second;
		PromptExpiry survivor = leader == first ? second : first;

		leader.stop();
		await().atMost(Duration.ofSeconds(10)).until(survivor::leading);
		holdBriefly(12);

		await().atMost(Duration.ofSeconds(5)).until(() -> freed(12) == 1);
		assertThat(survivor.sweeps()).isPositive();
	}

	private int leaders() {
		return (first.leading() ? 1 : 0) + (second.leading() ? 1 : 0);
	}

	/** A 300 ms hold of one seat, taken straight through the script: not in the expiry index. */
	private void holdBriefly(long seatId) {
		var attempt = scripts.hold(eventId, "h" + seatId, "ada", List.of(seatId), Duration.ofMillis(300), 10,
				AdmissionGate.notRequired(eventId)).block();
		assertThat(attempt).isInstanceOf(HoldScripts.Granted.class);
	}

	/** How many stream entries report the seat free. */
	private long freed(long seatId) {
		return redis.opsForStream().range(HoldKeys.changes(eventId), Range.unbounded())
			.filter(entry -> "free".equals(entry.getValue().get(Long.toString(seatId))))
			.count()
			.block();
	}
}
