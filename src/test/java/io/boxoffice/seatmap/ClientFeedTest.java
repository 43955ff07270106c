package io.boxoffice.seatmap;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.socket.CloseStatus;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFeedTest {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	final SeatmapMetrics metrics = new SeatmapMetrics(meters);
	final SeatmapSettings settings = new SeatmapSettings(Duration.ofSeconds(1), 500, 3, Duration.ofSeconds(30),
			Duration.ofSeconds(15), 1000, 20, Duration.ofSeconds(10), 50, 100, Duration.ofMillis(100), Duration.ofSeconds(10));
	final AtomicLong nanos = new AtomicLong();
	final List<CloseStatus> closes = new ArrayList<>();

	static final byte[] SNAPSHOT = "SNAPSHOT".getBytes(StandardCharsets.US_ASCII);

	/** A connection whose outbound buffer is full while {@code writable} is false. */
	static final class Socket implements ClientFeed.Outlet {

		final List<String> sent = new ArrayList<>();
		final List<String> pending = new ArrayList<>();
		boolean writable = true;
		int flushes;

		@Override
		public boolean writable() {
			return writable;
		}

		@Override
		public void write(byte[] json) {
			pending.add(new String(json, StandardCharsets.US_ASCII));
		}

		@Override
		public void flush() {
			sent.addAll(pending);
			pending.clear();
			flushes++;
		}
	}

	ClientFeed feed() {
		return new ClientFeed(settings, metrics, closes::add, nanos::get);
	}

	static Delta change(long version, long seat, String status) {
		return new Delta(version, Map.of(seat, status));
	}

	@Test
	void aClientWhoseSocketIsFullGetsOneCoalescedDeltaWithTheNewestVersionAndLatestStatusPerSeat() {
		ClientFeed slow = feed();
		Socket socket = new Socket();
		slow.begin(SNAPSHOT, 10);
		slow.connect(socket, Runnable::run);
		assertThat(socket.sent).containsExactly("SNAPSHOT");

		socket.writable = false;
		slow.offer(change(11, 1, "held"));
		slow.offer(change(12, 2, "held"));
		slow.offer(change(13, 1, "free"));
		slow.offer(change(14, 3, "held")); // the fourth queued delta passes the buffer of 3
		assertThat(socket.sent).containsExactly("SNAPSHOT");

		socket.writable = true;
		slow.drain(); // what the channel's writability event does
		slow.offer(change(15, 4, "sold"));
		assertThat(socket.sent).containsExactly("SNAPSHOT",
				"{\"type\":\"delta\",\"version\":14,\"changes\":[{\"seatId\":1,\"status\":\"free\"},"
						+ "{\"seatId\":2,\"status\":\"held\"},{\"seatId\":3,\"status\":\"held\"}]}",
				"{\"type\":\"delta\",\"version\":15,\"changes\":[{\"seatId\":4,\"status\":\"sold\"}]}");
		assertThat(meters.counter("boxoffice.seatmap.deltas", "result", "coalesced").count()).isEqualTo(4);
	}

	@Test
	void aFastClientGetsEveryDeltaWhileASlowOneOnTheSameChangesCoalesces() {
		ClientFeed fast = feed();
		ClientFeed slow = feed();
		Socket fastSocket = new Socket();
		Socket slowSocket = new Socket();
		slowSocket.writable = false;
		fast.begin(null, 0);
		slow.begin(null, 0);
		fast.connect(fastSocket, Runnable::run);
		slow.connect(slowSocket, Runnable::run);

		for (long version = 1; version <= 10; version++) {
			fast.offer(change(version, version, "held"));
			slow.offer(change(version, version, "held"));
		}

		assertThat(fastSocket.sent).hasSize(10);
		assertThat(slowSocket.sent).isEmpty();
		assertThat(meters.counter("boxoffice.seatmap.deltas", "result", "coalesced").count()).isPositive();
	}

	@Test
	void everythingQueuedGoesOutInOneFlush() {
		ClientFeed client = feed();
		Socket socket = new Socket();
		client.begin(SNAPSHOT, 0);
		client.offer(change(1, 1, "held"));
		client.offer(change(2, 2, "held"));

		client.connect(socket, Runnable::run);

		assertThat(socket.sent).hasSize(3);
		assertThat(socket.flushes).isEqualTo(1);
	}

	@Test
	void versionsNeverGoBackwardsAndNothingAtOrBelowTheSnapshotIsSent() {
		ClientFeed client = feed();
		Socket socket = new Socket();
		client.begin(SNAPSHOT, 5);
		client.connect(socket, Runnable::run);
		client.offer(change(5, 1, "held"));
		client.offer(change(6, 2, "held"));
		client.offer(change(6, 2, "held"));
		client.offer(change(4, 3, "held"));
		assertThat(socket.sent).containsExactly("SNAPSHOT",
				"{\"type\":\"delta\",\"version\":6,\"changes\":[{\"seatId\":2,\"status\":\"held\"}]}");
	}

	@Test
	void aClientBehindForLongerThanTheLimitIsClosedWith4408() {
		ClientFeed slow = feed();
		Socket socket = new Socket();
		socket.writable = false;
		slow.begin(null, 0);
		slow.connect(socket, Runnable::run);
		for (long version = 1; version <= 4; version++) {
			slow.offer(change(version, version, "held"));
		}
		slow.checkSlow();
		assertThat(closes).isEmpty();
		nanos.addAndGet(Duration.ofSeconds(31).toNanos());
		slow.checkSlow();
		assertThat(closes).extracting(CloseStatus::getCode).containsExactly(4408);
	}

	@Test
	void aHeartbeatGoesOutOnlyWhenNothingElseIsQueued() {
		ClientFeed client = feed();
		Socket socket = new Socket();
		client.begin(null, 0);
		client.connect(socket, Runnable::run);
		client.heartbeat();
		socket.writable = false;
		client.offer(change(1, 1, "held"));
		client.heartbeat();
		socket.writable = true;
		client.drain();
		assertThat(socket.sent).containsExactly("{\"type\":\"heartbeat\"}",
				"{\"type\":\"delta\",\"version\":1,\"changes\":[{\"seatId\":1,\"status\":\"held\"}]}");
	}

	@Test
	void aReplayGoesAheadOfChangesThatArrivedWhileItWasRead() {
		ClientFeed client = feed();
		Socket socket = new Socket();
		client.beginPaused(7);
		client.connect(socket, Runnable::run);
		client.offer(change(8, 3, "held"));
		assertThat(socket.sent).isEmpty();
		client.resume(List.of(change(6, 1, "held"), change(7, 2, "held")));
		assertThat(socket.sent).hasSize(3);
		assertThat(socket.sent.get(0)).contains("\"version\":6");
		assertThat(socket.sent.get(1)).contains("\"version\":7");
		assertThat(socket.sent.get(2)).contains("\"version\":8");
	}
}
