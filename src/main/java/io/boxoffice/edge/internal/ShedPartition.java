package io.boxoffice.edge.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which share of the concurrency limit a request draws from when the service is over it, in the order they are
 * protected: buyers who already hold or book first, then the waiting room, then everything else. {@code null} from
 * {@link #of} means never shed.
 */
enum ShedPartition {
	CHECKOUT, QUEUE, READS;

	private static final Pattern JOIN_QUEUE = Pattern.compile("/api/events/[^/]+/queue/?");

	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ShedPartition of(ServerHttpRequest request) {
		String path = request.getPath().value();
		// Static files, actuator and API docs are cheap; WebSocket upgrades live as long as the socket, so their
		// "latency" says nothing about load and their count would crowd out every short request.
		if (!path.startsWith("/api/") || request.getMethod() == HttpMethod.OPTIONS) {
			return null;
		}
		// Stripe retries on its own schedule and a shed webhook only delays a confirmation; operators must be able
		// to steer (turn the waiting room on, slow admission) precisely when the service is overloaded.
		if (path.startsWith("/api/payments/stripe/webhook") || path.startsWith("/api/admin/")) {
			return null;
		}
		if (path.startsWith("/api/holds") || path.startsWith("/api/bookings") || path.startsWith("/api/payments/")) {
			return CHECKOUT;
		}
		if (path.startsWith("/api/queue/") || JOIN_QUEUE.matcher(path).matches()) {
			return QUEUE;
		}
		return READS;
	}
}
