package io.boxoffice.seatmap;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.Disposable;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code WS /ws/events/{id}/availability[?since=version]}: a {@code snapshot} (or the replay after {@code since}),
 * then a {@code delta} per change, and a {@code heartbeat} every {@code heartbeat-interval}. See
 * docs/seatmap-protocol.md for the messages and close codes. Messages go straight to the Netty channel ({@link NettyOutlet}):
 * with thousands of watchers per event, a Reactor pipeline per connection per message cost more than the write.
 */
@Component
class AvailabilitySocket implements WebSocketHandler {

	private static final Logger log = LoggerFactory.getLogger(AvailabilitySocket.class);
	private static final Pattern PATH = Pattern.compile("/ws/events/([0-9]{1,18})/availability/?");

	private final EventFeeds feeds;
	private final ConnectionLimits limits;
	private final SeatmapSettings settings;
	private final SeatmapMetrics metrics;

	AvailabilitySocket(EventFeeds feeds, ConnectionLimits limits, SeatmapSettings settings, SeatmapMetrics metrics) {
		this.feeds = feeds;
		this.limits = limits;
		this.settings = settings;
		this.metrics = metrics;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		URI uri = session.getHandshakeInfo().getUri();
		Matcher path = PATH.matcher(uri.getPath());
		Long since;
		try {
			String sinceParam = UriComponentsBuilder.fromUri(uri).build().getQueryParams().getFirst("since");
			since = sinceParam == null ? null : Long.valueOf(sinceParam);
		}
		catch (NumberFormatException malformed) {
			since = -1L;
		}
		if (!path.matches() || (since != null && since < 0)) {
			return close(session, CloseCodes.BAD_REQUEST);
		}
		long eventId = Long.parseLong(path.group(1));
		String address = address(session);
		if (!limits.tryOpen(address)) {
			return close(session, CloseCodes.TOO_MANY_CONNECTIONS);
		}
		metrics.connected();
		Long from = since;
		return feeds.join(eventId)
			.flatMap(feed -> serve(session, feed, from).thenReturn(true))
			.switchIfEmpty(Mono.defer(() -> close(session, CloseCodes.UNKNOWN_EVENT).thenReturn(false)))
			.onErrorResume(failure -> {
				log.warn("Live seat map of event {} failed: {}", eventId, failure.toString());
				return close(session, CloseStatus.SERVER_ERROR).thenReturn(false);
			})
			.doFinally(signal -> {
				feeds.leave(eventId);
				limits.close(address);
				metrics.disconnected();
			})
			.then();
	}

	private Mono<Void> serve(WebSocketSession session, EventFeed feed, Long since) {
		var client = new ClientFeed(settings, metrics, status -> session.close(status).subscribe(), System::nanoTime);
		var inbound = new InboundLimit(settings.maxInboundMessages(), settings.inboundWindow().toNanos(), System::nanoTime);
		Mono<Void> input = session.receive()
			.doOnNext(message -> {
				if (!inbound.allow()) {
					client.close(CloseCodes.FLOODING);
				}
			})
			.then();
		Duration heartbeat = settings.heartbeatInterval();
		Disposable heartbeats = Flux.interval(heartbeat, heartbeat).onBackpressureDrop().subscribe(tick -> {
			client.checkSlow();
			client.heartbeat();
		});
		NettyOutlet.connect(session, client);
		// The connection ends when the client closes it (or the server does: too slow, flooding, shutdown).
		return feed.attach(client, since).then(input).doFinally(signal -> {
			heartbeats.dispose();
			client.dispose();
		});
	}

	private Mono<Void> close(WebSocketSession session, CloseStatus status) {
		metrics.closed(status.getCode());
		return session.close(status);
	}

	private static String address(WebSocketSession session) {
		InetSocketAddress remote = session.getHandshakeInfo().getRemoteAddress();
		return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
	}
}
