package io.boxoffice.seatmap;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/** A live seat map client over Reactor Netty's WebSocket client: keeps every message and the close status. */
final class Watcher implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final Queue<Map<String, Object>> messages = new ConcurrentLinkedQueue<>();
	volatile Integer closeCode;
	volatile String closeReason;
	/** Why the connection failed, if it did (refused, upgrade rejected, reset): tests waiting for a close say so. */
	volatile Throwable failure;
	/** How far the connection got: the upgrade answered, the client's pings all written. */
	volatile boolean upgraded;
	volatile boolean pingsSent;
	private final Disposable connection;

	private Watcher(int port, String pathAndQuery) {
		this(port, pathAndQuery, 0);
	}

	private Watcher(int port, String pathAndQuery, int pings) {
		// A connection of its own: a pooled one may be a keep-alive connection the server has just closed, and the
		// upgrade would then fail before the server ever saw it.
		connection = HttpClient.newConnection()
			.websocket()
			.uri("ws://localhost:" + port + pathAndQuery)
			.handle((in, out) -> {
				upgraded = true;
				in.receiveCloseStatus().subscribe(status -> {
					closeReason = status.reasonText();
					closeCode = status.code();
				});
				return out.sendString(reactor.core.publisher.Flux.range(0, pings).map(i -> "ping " + i)).then()
					.doOnSuccess(sent -> pingsSent = true)
					.thenMany(texts(in));
			})
			.subscribe(text -> messages.add(parse(text)), failure -> this.failure = failure);
	}

	static Watcher watch(int port, long eventId) {
		return new Watcher(port, "/ws/events/" + eventId + "/availability");
	}

	/** A client that sends {@code pings} text messages as soon as it is connected. */
	static Watcher chatty(int port, long eventId, int pings) {
		return new Watcher(port, "/ws/events/" + eventId + "/availability", pings);
	}

	static Watcher watch(int port, String pathAndQuery) {
		return new Watcher(port, pathAndQuery);
	}

	/** Waits until the server closes the connection; answers the close code (fails if the connection itself failed). */
	int awaitClose(Duration within) {
		try {
			await().atMost(within).until(() -> closeCode != null || failure != null);
		}
		catch (org.awaitility.core.ConditionTimeoutException notClosed) {
			// Say how far the connection got, so that a rare timeout tells where it stalled (the upgrade, the server's
			// snapshot, or the server's reaction to what the client sent).
			throw new AssertionError("Not closed within " + within + ": upgraded " + upgraded + ", pings sent " + pingsSent
					+ ", messages received " + messages.size() + " (first: " + messages.peek() + ")", notClosed);
		}
		if (failure != null) {
			throw new AssertionError("The WebSocket connection failed instead of being closed", failure);
		}
		return closeCode;
	}

	/** Waits for the first message, the snapshot, and answers it. */
	Map<String, Object> snapshot() {
		await().atMost(Duration.ofSeconds(15)).until(() -> !messages.isEmpty());
		return messages.peek();
	}

	/** Waits for a delta that saw {@code seatId} go to {@code status}; answers that delta. */
	Map<String, Object> awaitChange(long seatId, String status, Duration within) {
		Predicate<Map<String, Object>> match = message -> "delta".equals(message.get("type"))
				&& changes(message).stream().anyMatch(change -> ((Number) change.get("seatId")).longValue() == seatId
						&& status.equals(change.get("status")));
		await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> messages.stream().anyMatch(match));
		return messages.stream().filter(match).findFirst().orElseThrow();
	}

	List<Map<String, Object>> deltas() {
		return messages.stream().filter(message -> "delta".equals(message.get("type"))).toList();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> changes(Map<String, Object> delta) {
		return (List<Map<String, Object>>) delta.get("changes");
	}

	static long version(Map<String, Object> message) {
		return ((Number) message.get("version")).longValue();
	}

	@SuppressWarnings("unchecked")
	static List<Long> seats(Map<String, Object> snapshot, String field) {
		return ((List<Number>) snapshot.get(field)).stream().map(Number::longValue).toList();
	}

	@Override
	public void close() {
		connection.dispose();
	}

	private static reactor.core.publisher.Flux<String> texts(WebsocketInbound in) {
		return in.aggregateFrames().receiveFrames().ofType(TextWebSocketFrame.class).map(TextWebSocketFrame::text);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(String text) {
		return JSON.readValue(text, Map.class);
	}
}
