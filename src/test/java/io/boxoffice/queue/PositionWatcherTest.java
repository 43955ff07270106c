package io.boxoffice.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PositionWatcherTest {

	static final Instant AT = Instant.parse("2026-06-01T10:00:00Z");
	static final LiveSettings LIVE = new LiveSettings(7, QueueMode.ON, 10, 20, 0, Instant.EPOCH, Instant.MAX);

	final List<String> sent = new ArrayList<>();
	int closes;

	@Test
	void sendsOnlyPositionsSmallerThanAnySentBeforeThenTheAdmissionOnce() {
		var watcher = new PositionWatcher("7-x", 10, 6L, sent::add, () -> closes++);

		watcher.served(4, LIVE, 1.0, AT); // position 6 again: nothing new
		watcher.served(6, LIVE, 1.0, AT);
		watcher.served(5, LIVE, 1.0, AT); // an older reading (another instance's stale value): never backwards
		watcher.served(9, LIVE, 1.0, AT);
		watcher.served(10, LIVE, 1.0, AT);
		watcher.served(12, LIVE, 1.0, AT);

		assertThat(sent).hasSize(3);
		assertThat(sent.get(0)).startsWith("{\"type\":\"position\",\"position\":4,");
		assertThat(sent.get(1)).startsWith("{\"type\":\"position\",\"position\":1,");
		assertThat(sent.get(2)).isEqualTo("{\"type\":\"admitted\",\"at\":\"2026-06-01T10:00:00Z\"}");
		assertThat(closes).isEqualTo(1);
	}

	@Test
	void heartbeatsStopOnceAdmitted() {
		var watcher = new PositionWatcher("7-x", 2, 2L, sent::add, () -> closes++);
		watcher.heartbeat();
		watcher.served(2, LIVE, 1.0, AT);
		watcher.heartbeat();
		assertThat(sent).containsExactly("{\"type\":\"heartbeat\"}", "{\"type\":\"admitted\",\"at\":\"2026-06-01T10:00:00Z\"}");
	}

	@Test
	void aPreQueuedPlaceSaysNothingUntilItIsDrawn() {
		var watcher = new PositionWatcher("7-x", -1, null, sent::add, () -> closes++);
		watcher.served(0, LIVE, 1.0, AT);
		assertThat(sent).isEmpty();
		assertThat(watcher.needsNumber()).isTrue();

		watcher.numbered(3);
		watcher.served(0, LIVE, 1.0, AT);
		assertThat(sent).singleElement().asString().contains("\"position\":3");
	}
}
