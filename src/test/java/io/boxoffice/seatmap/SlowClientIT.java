package io.boxoffice.seatmap;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.Disposable;
import reactor.core.publisher.BaseSubscriber;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.catalog.Category;
import io.boxoffice.holds.SeatHolds;
import io.boxoffice.holds.SeatStates;
import io.boxoffice.support.CatalogFixtures;
import io.boxoffice.support.CatalogFixtures.TestEvent;
import io.boxoffice.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backpressure end to end, over real sockets: a client that stops reading after its snapshot (so TCP and the
 * server's send pipeline fill up, then its feed) and a client that reads everything, watching one burst of changes.
 */
@IntegrationTest
class SlowClientIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final int SEATS_PER_CHANGE = 200;
	private static final int MAX_CHANGES = 6_000;
	private static final int AHEAD = 32;

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient db;

	@Autowired
	SeatHolds holds;

	@Autowired
	SeatStates seatStates;

	@Autowired
	MeterRegistry meters;

	@Test
	void aStalledClientGetsCoalescedDeltasEndingInTheTrueStateWhileAFastOneGetsEveryDeltaInOrder() {
		TestEvent event = new CatalogFixtures(db).event("Burst", CatalogFixtures.unique("Bursttown"), Category.CONCERT,
				Instant.now().plus(5, ChronoUnit.DAYS));
		// Big deltas fill the buffers between the server and a stalled client in a few hundred changes.
		List<Long> seats = db.sql("""
				INSERT INTO seat (venue_id, section_id, row_label, number, x, y)
				SELECT :venue, :section, 'Z', n, n, 40 FROM generate_series(1, :count) n RETURNING id
				""").bind("venue", event.venueId()).bind("section", event.frontSectionId()).bind("count", SEATS_PER_CHANGE)
			.map((row, meta) -> row.get("id", Long.class)).all().collectList().block();

		try (Watcher fast = Watcher.watch(port, event.id()); StalledClient slow = new StalledClient(port, event.id())) {
			long start = Watcher.version(fast.snapshot());
			Map<String, Object> slowSnapshot = slow.snapshot();
			assertThat(Watcher.version(slowSnapshot)).isEqualTo(start);

			// Sell and unsell the block, one change at a time, until the server coalesces the stalled client's deltas.
			// The burst runs as fast as the fast client reads, up to AHEAD versions in front of it (below the feed's
			// bound of 64, so only the stalled client can be the one coalesced).
			double coalescedBefore = coalesced();
			int changes = 0;
			while (coalesced() == coalescedBefore && changes < MAX_CHANGES) {
				(changes % 2 == 0 ? holds.markSold(event.id(), null, seats) : holds.unsell(event.id(), seats)).block();
				changes++;
				long behind = start + changes - AHEAD;
				if (lastVersion(fast) < behind) {
					await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(5))
						.until(() -> lastVersion(fast) >= behind);
				}
			}
			assertThat(coalesced()).as("the stalled client's feed coalesced within %d changes", MAX_CHANGES)
				.isGreaterThan(coalescedBefore);
			// The last word: one seat held, the rest of the block in whatever state the burst left it.
			long last = start + changes + 1;
			holds.markSold(event.id(), null, seats.subList(0, 1)).block();
			boolean blockSold = changes % 2 == 1;
			if (blockSold) {
				last = start + changes; // that seat was sold already: no change, no version
			}

			long lastVersion = last;
			await().atMost(Duration.ofSeconds(10)).until(() -> lastVersion(fast) == lastVersion);
			assertThat(fast.deltas()).extracting(Watcher::version)
				.as("every version, once, in order")
				.containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(start + 1, lastVersion).boxed().toList());
			assertThat(slow.received).as("held back while stalled: only the snapshot").hasSize(1);
			assertThat(slow.closeCode.get()).isNull();

			slow.readEverything();
			await().atMost(Duration.ofSeconds(20)).until(() -> slow.lastVersion() == lastVersion);
			List<Map<String, Object>> slowDeltas = slow.deltas();
			assertThat(slowDeltas).extracting(Watcher::version).isSorted().doesNotHaveDuplicates();
			assertThat(slowDeltas.size()).as("coalesced: fewer deltas than versions").isLessThan((int) (lastVersion - start));
			assertThat(gaps(start, slowDeltas)).as("some consecutive deltas skip versions").isPositive();

			Map<Long, String> truth = new HashMap<>();
			var snapshot = seatStates.snapshot(event.id()).block();
			snapshot.sold().forEach(seat -> truth.put(seat, "sold"));
			snapshot.held().forEach(seat -> truth.put(seat, "held"));
			assertThat(snapshot.version()).isEqualTo(lastVersion);
			assertThat(apply(slowSnapshot, slowDeltas)).as("the stalled client ends in the true state").isEqualTo(truth);
			assertThat(apply(fast.snapshot(), fast.deltas())).isEqualTo(truth);
			assertThat(truth.get(seats.get(0))).isEqualTo("sold");
			assertThat(slow.closeCode.get()).as("caught up in time: not closed as too slow").isNull();
		}
	}

	private static long lastVersion(Watcher watcher) {
		List<Map<String, Object>> deltas = watcher.deltas();
		return deltas.isEmpty() ? -1 : Watcher.version(deltas.get(deltas.size() - 1));
	}

	private double coalesced() {
		return meters.counter("boxoffice.seatmap.deltas", "result", "coalesced").count();
	}

	private static int gaps(long start, List<Map<String, Object>> deltas) {
		int gaps = 0;
		long previous = start;
		for (Map<String, Object> delta : deltas) {
			gaps += Watcher.version(delta) > previous + 1 ? 1 : 0;
			previous = Watcher.version(delta);
		}
		return gaps;
	}

	/** Seat id to held/sold after the snapshot and the deltas, in order (free seats are absent). */
	private static Map<Long, String> apply(Map<String, Object> snapshot, List<Map<String, Object>> deltas) {
		Map<Long, String> state = new HashMap<>();
		Watcher.seats(snapshot, "held").forEach(seat -> state.put(seat, "held"));
		Watcher.seats(snapshot, "sold").forEach(seat -> state.put(seat, "sold"));
		for (Map<String, Object> delta : deltas) {
			for (Map<String, Object> change : Watcher.changes(delta)) {
				long seat = ((Number) change.get("seatId")).longValue();
				String status = (String) change.get("status");
				if (status.equals("free")) {
					state.remove(seat);
				}
				else {
					state.put(seat, status);
				}
			}
		}
		return state;
	}

	/**
	 * A client that asks for its first message (the snapshot) and then for nothing: Reactor Netty stops reading the
	 * socket when nobody asks, so the server's writes back up through TCP. A small receive buffer makes that sooner.
	 */
	static final class StalledClient implements AutoCloseable {

		final Queue<Map<String, Object>> received = new ConcurrentLinkedQueue<>();
		final AtomicReference<Integer> closeCode = new AtomicReference<>();
		private final AtomicReference<Subscription> subscription = new AtomicReference<>();
		private final Disposable connection;

		StalledClient(int port, long eventId) {
			connection = HttpClient.create()
				.option(ChannelOption.SO_RCVBUF, 4096)
				.websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 24).build())
				.uri("ws://localhost:" + port + "/ws/events/" + eventId + "/availability")
				.handle((in, out) -> {
					in.receiveCloseStatus().subscribe(status -> closeCode.set(status.code()));
					return in.aggregateFrames(1 << 24).receiveFrames().ofType(TextWebSocketFrame.class).map(TextWebSocketFrame::text);
				})
				.subscribeWith(new BaseSubscriber<String>() {
					@Override
					protected void hookOnSubscribe(Subscription s) {
						subscription.set(s);
						s.request(1);
					}

					@Override
					@SuppressWarnings("unchecked")
					protected void hookOnNext(String text) {
						Map<String, Object> message = JSON.readValue(text, Map.class);
						if (!"heartbeat".equals(message.get("type"))) {
							received.add(message);
						}
					}
				});
		}

		Map<String, Object> snapshot() {
			await().atMost(Duration.ofSeconds(15)).until(() -> !received.isEmpty());
			return received.peek();
		}

		void readEverything() {
			subscription.get().request(Long.MAX_VALUE);
		}

		List<Map<String, Object>> deltas() {
			return new ArrayList<>(received.stream().filter(message -> "delta".equals(message.get("type"))).toList());
		}

		long lastVersion() {
			List<Map<String, Object>> deltas = deltas();
			return deltas.isEmpty() ? -1 : Watcher.version(deltas.get(deltas.size() - 1));
		}

		@Override
		public void close() {
			connection.dispose();
		}
	}
}
