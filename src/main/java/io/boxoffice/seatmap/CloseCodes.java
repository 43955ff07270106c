package io.boxoffice.seatmap;

import org.springframework.web.reactive.socket.CloseStatus;

/** Why the server closed a live seat map connection (4xxx: the application's own range). */
final class CloseCodes {

	static final CloseStatus BAD_REQUEST = new CloseStatus(4400, "Bad request: the path needs a numeric event id, since a number");
	static final CloseStatus UNKNOWN_EVENT = new CloseStatus(4404, "No such event");
	static final CloseStatus TOO_SLOW = new CloseStatus(4408, "Too slow: the client did not keep up with the changes");
	static final CloseStatus FLOODING = new CloseStatus(4413, "Too many messages from the client");
	static final CloseStatus TOO_MANY_CONNECTIONS = new CloseStatus(4429, "Too many connections from this address");

	private CloseCodes() {
	}
}
