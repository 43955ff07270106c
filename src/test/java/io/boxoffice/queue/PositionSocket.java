package io.boxoffice.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/** A waiting-room socket client: keeps every message, and the close code the server sent. */
final class PositionSocket implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final List<Map<String, Object>> messages = new CopyOnWriteArrayList<>();
	volatile Integer closeCode;
	private final Disposable connection;

	@SuppressWarnings("unchecked")
	PositionSocket(int port, String ticket) {
		connection = HttpClient.newConnection().websocket().uri("ws://localhost:" + port + "/ws/queue/" + ticket)
			.handle((in, out) -> {
				in.receiveCloseStatus().subscribe(status -> closeCode = status.code());
				return in.aggregateFrames().receive().asString();
			})
			.subscribe(text -> messages.add(JSON.readValue(text, Map.class)));
	}

	Map<String, Object> awaitMessage(String type, Duration within) {
		await().atMost(within).until(() -> messages.stream().anyMatch(message -> type.equals(message.get("type"))));
		return messages.stream().filter(message -> type.equals(message.get("type"))).findFirst().orElseThrow();
	}

	int awaitClose(Duration within) {
		await().atMost(within).until(() -> closeCode != null);
		return closeCode;
	}

	List<Long> positions() {
		return messages.stream().filter(message -> "position".equals(message.get("type")))
			.map(message -> ((Number) message.get("position")).longValue()).toList();
	}

	@Override
	public void close() {
		connection.dispose();
	}
}
