package io.boxoffice.edge.internal;

import java.util.Locale;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Which rate-limit bucket a request draws from; {@code null} from {@link #of} means not limited here. */
public enum RouteClass {
	READS, HOLDS, BOOKINGS, ADMIN, QUEUE, SCANS;

	String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	static RouteClass of(ServerHttpRequest request) {
		String path = request.getPath().value();
		if (path.startsWith("/api/admin/")) {
			return ADMIN;
		}
		if (path.startsWith("/api/holds")) {
			return HOLDS;
		}
		if (path.startsWith("/api/bookings")) {
			return BOOKINGS;
		}
		// Joins and place reads of the waiting room: a surge is made of them, so they draw from their own bucket.
		if (path.startsWith("/api/queue/") || (path.startsWith("/api/events/") && path.endsWith("/queue"))) {
			return QUEUE;
		}
		// Door scans: a busy gate scans every second or two for hours, far past what a buyer's reads may.
		if (path.startsWith("/api/events/") && path.endsWith("/check-ins")) {
			return SCANS;
		}
		// Stripe's webhook retries on its own schedule and is verified by signature; do not throttle it.
		if (path.startsWith("/api/payments/")) {
			return null;
		}
		if (path.startsWith("/api/") || path.startsWith("/ws/")) {
			return request.getMethod() == HttpMethod.OPTIONS ? null : READS;
		}
		return null; // static pages, actuator, API docs
	}
}
