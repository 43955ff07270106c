package io.boxoffice.queue;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;

/**
 * {@code WS /ws/queue/{ticket}}: the ticket is the secret (no header auth, like the live seat map). The first message
 * is the place as it is now, then {@code position} messages as it moves up (never a larger position than before),
 * and {@code admitted} once, after which the server closes the socket normally. An admitted place whose turn has
 * run out gets {@code expired}. Close codes: 4404 no such place, 4400 a malformed ticket.
 */
@Component
class QueueSocket implements WebSocketHandler {

	static final CloseStatus UNKNOWN_TICKET = new CloseStatus(4404, "No such place in a waiting room");
	static final CloseStatus BAD_TICKET = new CloseStatus(4400, "Bad request: the path needs a waiting-room ticket");
	private static final Logger log = LoggerFactory.getLogger(QueueSocket.class);
	private static final Pattern PATH = Pattern.compile("/ws/queue/([^/]{1,64})/?");

	private final QueueScripts scripts;
	private final QueueConfigs configs;
	private final WaitingRoom room;
	private final PositionFeeds feeds;

	QueueSocket(QueueScripts scripts, QueueConfigs configs, WaitingRoom room, PositionFeeds feeds) {
		this.scripts = scripts;
		this.configs = configs;
		this.room = room;
		this.feeds = feeds;
	}

	@Override
	public Mono<Void> handle(WebSocketSession session) {
		Matcher path = PATH.matcher(session.getHandshakeInfo().getUri().getPath());
		OptionalLong eventId = path.matches() ? Tickets.eventOf(path.group(1)) : OptionalLong.empty();
		if (eventId.isEmpty()) {
			return session.close(BAD_TICKET);
		}
		String ticket = path.group(1);
		QueueKeys keys = new QueueKeys(eventId.getAsLong());
		return scripts.status(keys, ticket)
			.zipWith(configs.current(keys.eventId()))
			.flatMap(found -> {
				var status = found.getT1();
				if (status.user().isEmpty() || status.left()) {
					return session.close(UNKNOWN_TICKET);
				}
				Place place = room.view(ticket, found.getT2(), status);
				return switch (place.state()) {
					case ADMITTED -> session.send(Mono.just(session.textMessage(Messages.ADMITTED))).then(session.close());
					case EXPIRED -> session.send(Mono.just(session.textMessage(Messages.EXPIRED))).then(session.close());
					case WAITING -> follow(session, keys.eventId(), ticket, status.number(), place);
				};
			})
			.onErrorResume(failure -> {
				log.warn("Waiting-room socket of {} failed: {}", ticket, failure.toString());
				return session.close(CloseStatus.SERVER_ERROR);
			});
	}

	private Mono<Void> follow(WebSocketSession session, long eventId, String ticket, long number, Place place) {
		Sinks.Many<String> out = Sinks.many().unicast().onBackpressureBuffer();
		var watcher = new PositionWatcher(ticket, number, place.position(), out::tryEmitNext, out::tryEmitComplete);
		out.tryEmitNext(Messages.first(place));
		feeds.watch(eventId, watcher);
		Mono<Void> output = session.send(out.asFlux().map(session::textMessage)).then(session.close());
		Mono<Void> input = session.receive().then();
		return Mono.firstWithSignal(output, input).doFinally(signal -> {
			feeds.unwatch(eventId, watcher);
			out.tryEmitComplete();
		});
	}

	/** The socket's JSON messages, written by hand: a handful of fields. */
	static final class Messages {

		static final String ADMITTED = "{\"type\":\"admitted\"}";
		static final String EXPIRED = "{\"type\":\"expired\"}";

		private Messages() {
		}

		static String first(Place place) {
			String wait = "\"estimatedWait\":{\"low\":\"" + place.estimatedWait().low() + "\",\"high\":\"" + place.estimatedWait().high() + "\"}";
			if (place.position() == null) {
				return "{\"type\":\"prequeue\",\"opensAt\":\"" + place.opensAt() + "\"," + wait + "}";
			}
			return "{\"type\":\"position\",\"position\":" + place.position() + "," + wait + "}";
		}
	}
}
