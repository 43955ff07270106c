package io.boxoffice.seatmap;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import io.boxoffice.catalog.Category;
import io.boxoffice.holds.SeatHolds;
import io.boxoffice.holds.SeatStates;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A crowded event (here: two watchers, with {@code batch-above-watchers} lowered to 2) gets at most one delta per
 * {@code batch-interval} from its reader, every change of that time coalesced, the same deltas for every watcher.
 */
@IntegrationTest
@TestPropertySource(properties = "boxoffice.seatmap.batch-above-watchers=2")
class CrowdedLiveSeatMapIT {

	private static final int BURST = 50;

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient db;

	@Autowired
	SeatHolds holds;

	@Autowired
	SeatStates seatStates;

	@Test
	void aBurstReachesEveryWatcherAsFewerSharedDeltasEndingInTheTrueState() {
		TestEvent event = new CatalogFixtures(db).event("Crowded", CatalogFixtures.unique("Crowdtown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
		List<Long> seats = event.frontSeatIds();
		try (Watcher first = Watcher.watch(port, event.id()); Watcher second = Watcher.watch(port, event.id())) {
			long start = Watcher.version(first.snapshot());
			assertThat(Watcher.version(second.snapshot())).isEqualTo(start);

			// After a quiet spell a change goes out on its own.
			holds.markSold(event.id(), null, seats.subList(0, 1)).block();
			assertThat(Watcher.version(first.awaitChange(seats.get(0), "sold", Duration.ofSeconds(2)))).isEqualTo(start + 1);

			for (int i = 0; i < BURST; i++) {
				List<Long> seat = List.of(seats.get(1 + i % 4));
				(i % 8 < 4 ? holds.markSold(event.id(), null, seat) : holds.unsell(event.id(), seat)).block();
			}
			long last = start + 1 + BURST;
			for (Watcher watcher : List.of(first, second)) {
				await().atMost(Duration.ofSeconds(5)).until(() -> lastVersion(watcher) == last);
			}

			List<Long> versions = first.deltas().stream().map(Watcher::version).toList();
			assertThat(versions).isSorted().doesNotHaveDuplicates().startsWith(start + 1).endsWith(last);
			assertThat(versions.size() - 1).as("the burst of %d changes came as fewer deltas", BURST).isLessThan(BURST);
			assertThat(second.deltas().stream().map(Watcher::version).toList()).as("the reader's deltas, shared").isEqualTo(versions);

			Map<Long, String> truth = new HashMap<>();
			seatStates.snapshot(event.id()).block().sold().forEach(seat -> truth.put(seat, "sold"));
			assertThat(apply(first)).isEqualTo(truth);
			assertThat(apply(second)).isEqualTo(truth);
		}
	}

	private static long lastVersion(Watcher watcher) {
		List<Map<String, Object>> deltas = watcher.deltas();
		return deltas.isEmpty() ? -1 : Watcher.version(deltas.get(deltas.size() - 1));
	}

	private static Map<Long, String> apply(Watcher watcher) {
		Map<Long, String> state = new HashMap<>();
		Watcher.seats(watcher.snapshot(), "sold").forEach(seat -> state.put(seat, "sold"));
		Watcher.seats(watcher.snapshot(), "held").forEach(seat -> state.put(seat, "held"));
		for (Map<String, Object> delta : watcher.deltas()) {
			for (Map<String, Object> change : Watcher.changes(delta)) {
				long seat = ((Number) change.get("seatId")).longValue();
				if ("free".equals(change.get("status"))) {
					state.remove(seat);
				}
				else {
					state.put(seat, (String) change.get("status"));
				}
			}
		}
		return state;
	}
}
