package io.boxoffice.seatmap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.socket.CloseStatus;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class ClientFeedTest {

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();
	final SeatmapMetrics metrics = new SeatmapMetrics(meters);
	final SeatmapSettings settings = new SeatmapSettings(Duration.ofSeconds(1), 500, 3, Duration.ofSeconds(30),
			Duration.ofSeconds(15), 1000, 20, Duration.ofSeconds(10), 50, 100, Duration.ofMillis(100));
	final AtomicLong nanos = new AtomicLong();
	final List<CloseStatus> closes = new ArrayList<>();

	ClientFeed feed() {
		return new ClientFeed(settings, metrics, closes::add, nanos::get);
	}

	static final byte[] SNAPSHOT = "SNAPSHOT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

	static reactor.core.publisher.Flux<String> texts(ClientFeed feed) {
		return feed.messages().map(bytes -> new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
	}

	static SeatChanges change(long version, long seat, String status) {
		return new SeatChanges(version, Map.of(seat, status));
	}

	@Test
	void aClientThatAsksForNothingGetsOneCoalescedDeltaWithTheNewestVersionAndLatestStatusPerSeat() {
		ClientFeed slow = feed();
		slow.begin(SNAPSHOT, 10);
		StepVerifier.create(texts(slow), 1)
			.expectNext("SNAPSHOT")
			.then(() -> {
				slow.offer(change(11, 1, "held"));
				slow.offer(change(12, 2, "held"));
				slow.offer(change(13, 1, "free"));
				slow.offer(change(14, 3, "held")); // the fourth queued delta passes the buffer of 3
			})
			.thenRequest(10)
			.expectNext("{\"type\":\"delta\",\"version\":14,\"changes\":[{\"seatId\":1,\"status\":\"free\"},"
					+ "{\"seatId\":2,\"status\":\"held\"},{\"seatId\":3,\"status\":\"held\"}]}")
			.then(() -> slow.offer(change(15, 4, "sold")))
			.expectNext("{\"type\":\"delta\",\"version\":15,\"changes\":[{\"seatId\":4,\"status\":\"sold\"}]}")
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(meters.counter("boxoffice.seatmap.deltas", "result", "coalesced").count()).isEqualTo(4);
	}

	@Test
	void aFastClientGetsEveryDeltaWhileASlowOneOnTheSameChangesCoalesces() {
		ClientFeed fast = feed();
		ClientFeed slow = feed();
		fast.begin(null, 0);
		slow.begin(null, 0);
		var slowMessages = new ArrayList<String>();
		slow.messages().subscribe(new reactor.core.publisher.BaseSubscriber<byte[]>() {
			@Override
			protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
				// asks for nothing: a client whose socket does not drain
			}
		});
		StepVerifier.create(texts(fast))
			.then(() -> {
				for (long version = 1; version <= 10; version++) {
					fast.offer(change(version, version, "held"));
					slow.offer(change(version, version, "held"));
				}
			})
			.expectNextCount(10)
			.thenCancel()
			.verify(Duration.ofSeconds(5));
		assertThat(slowMessages).isEmpty();
		assertThat(meters.counter("boxoffice.seatmap.deltas", "result", "coalesced").count()).isPositive();
	}

	@Test
	void versionsNeverGoBackwardsAndNothingAtOrBelowTheSnapshotIsSent() {
		ClientFeed client = feed();
		client.begin(SNAPSHOT, 5);
		StepVerifier.create(texts(client))
			.expectNext("SNAPSHOT")
			.then(() -> {
				client.offer(change(5, 1, "held"));
				client.offer(change(6, 2, "held"));
				client.offer(change(6, 2, "held"));
				client.offer(change(4, 3, "held"));
			})
			.expectNext("{\"type\":\"delta\",\"version\":6,\"changes\":[{\"seatId\":2,\"status\":\"held\"}]}")
			.expectNoEvent(Duration.ofMillis(50))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aClientBehindForLongerThanTheLimitIsClosedWith4408() {
		ClientFeed slow = feed();
		slow.begin(null, 0);
		slow.messages().subscribe(new reactor.core.publisher.BaseSubscriber<byte[]>() {
			@Override
			protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
			}
		});
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
	void aReplayGoesAheadOfChangesThatArrivedWhileItWasRead() {
		ClientFeed client = feed();
		client.beginPaused(7);
		StepVerifier.create(texts(client))
			.then(() -> client.offer(change(8, 3, "held")))
			.expectNoEvent(Duration.ofMillis(50))
			.then(() -> client.resume(List.of(change(6, 1, "held"), change(7, 2, "held"))))
			.expectNextMatches(message -> message.contains("\"version\":6"))
			.expectNextMatches(message -> message.contains("\"version\":7"))
			.expectNextMatches(message -> message.contains("\"version\":8"))
			.thenCancel()
			.verify(Duration.ofSeconds(5));
	}
}
