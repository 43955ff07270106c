package io.boxoffice.scaleout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A live seat map client that behaves like the browser's (docs/seatmap-protocol.md, "A client in a few lines"): it
 * keeps the state of every seat from the snapshot and the deltas, and when its connection ends it opens a new one
 * (through the balancer, that may be another instance), starting again from a fresh snapshot.
 */
final class SeatMapClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Seat id → "held" or "sold"; absent: free. */
	private final Map<Long, String> seats = new ConcurrentHashMap<>();
	private final List<String> closes = new CopyOnWriteArrayList<>();
	private final AtomicInteger snapshots = new AtomicInteger();
	private final Disposable connections;

	private SeatMapClient(HttpClient client, String uri) {
		connections = Mono.defer(() -> client.websocket().uri(uri)
				.handle((in, out) -> {
					in.receiveCloseStatus().subscribe(status -> closes.add(status.code() + " " + status.reasonText()));
					return in.aggregateFrames().receiveFrames().ofType(TextWebSocketFrame.class)
						.map(TextWebSocketFrame::text)
						.doOnNext(this::apply)
						.then();
				})
				.then())
			.doOnError(failure -> closes.add(failure.toString()))
			.retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(200)))
			.repeatWhen(ended -> ended.delayElements(Duration.ofMillis(200)))
			.subscribe();
	}

	/** Through a TLS-terminating balancer with a self-signed certificate. */
	static SeatMapClient throughBalancer(int httpsPort, long eventId) {
		var tls = Http11SslContextSpec.forClient().configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE));
		return new SeatMapClient(HttpClient.newConnection().secure(spec -> spec.sslContext(tls)),
				"wss://localhost:" + httpsPort + path(eventId));
	}

	/** Straight to one instance. */
	static SeatMapClient direct(int port, long eventId) {
		return new SeatMapClient(HttpClient.newConnection(), "ws://localhost:" + port + path(eventId));
	}

	/** Snapshots received so far: one per connection that got as far as its first message. */
	int snapshots() {
		return snapshots.get();
	}

	/** How each connection so far ended: a close status, or the failure. */
	List<String> closes() {
		return closes;
	}

	String status(long seatId) {
		return seats.getOrDefault(seatId, "free");
	}

	@Override
	public void close() {
		connections.dispose();
	}

	@SuppressWarnings("unchecked")
	private void apply(String text) {
		Map<String, Object> message = JSON.readValue(text, Map.class);
		if ("snapshot".equals(message.get("type"))) {
			seats.clear();
			((List<Number>) message.get("held")).forEach(id -> seats.put(id.longValue(), "held"));
			((List<Number>) message.get("sold")).forEach(id -> seats.put(id.longValue(), "sold"));
			snapshots.incrementAndGet();
		}
		else if ("delta".equals(message.get("type"))) {
			for (Map<String, Object> change : (List<Map<String, Object>>) message.get("changes")) {
				long seatId = ((Number) change.get("seatId")).longValue();
				String status = (String) change.get("status");
				if ("free".equals(status)) {
					seats.remove(seatId);
				}
				else {
					seats.put(seatId, status);
				}
			}
		}
	}

	private static String path(long eventId) {
		return "/ws/events/" + eventId + "/availability";
	}
}
