package io.boxoffice.edge.internal;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets per route class, kept in Redis so that every instance draws from the same bucket.
 * A signed-in caller is limited per user (so one NAT'ed office is not one caller), and where a route sets
 * {@code signed-in-per-ip} also by a wider ceiling per address; an anonymous caller per IP address. Behind a
 * load balancer list it in {@code boxoffice.edge.trusted-proxies} so the IP is the client's, not the balancer's.
 *
 * @param enabled switch the whole thing off (e.g. when a gateway in front already limits)
 * @param timeout how long to wait for Redis before letting the request through (limits fail open: a Redis
 *        blip must not take viewing down)
 * @param local how far a route in {@link Sync#LOCAL} mode may run ahead of Redis
 * @param routes limits by route class: {@code reads}, {@code holds}, {@code bookings}, {@code admin}, {@code queue}, {@code scans}
 */
@ConfigurationProperties("boxoffice.rate-limits")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("250ms") Duration timeout,
		@DefaultValue Local local, Map<RouteClass, Limit> routes) {

	/** How a route's buckets agree with Redis. */
	public enum Sync {
		/** Every request is decided by Redis (concurrent requests of one bucket share a round trip). */
		EXACT,
		/**
		 * Each instance decides from its own copy of the bucket and settles with Redis after {@link Local#share} of
		 * the capacity or {@link Local#syncWithin}, whichever comes first; what it let through meanwhile is charged
		 * to the shared bucket then, as debt if need be. Across N instances a bucket admits at most N times that
		 * share more than its capacity in a burst (docs/api.md, "Rate limits").
		 */
		LOCAL
	}

	/**
	 * @param share the part of a bucket's capacity an instance may let through before it settles with Redis (at
	 *        least one request)
	 * @param syncWithin the longest an instance's copy of a bucket goes unsettled while requests arrive
	 */
	public record Local(@DefaultValue("0.05") double share, @DefaultValue("1s") Duration syncWithin) {

		public Local {
			if (!(share > 0 && share <= 1)) {
				throw new IllegalArgumentException("boxoffice.rate-limits.local.share must be above 0 and at most 1, not " + share);
			}
		}

		/** Requests an instance may decide alone for a bucket of this capacity. */
		long unsynchronized(long capacity) {
			return Math.max(1, (long) Math.floor(capacity * share));
		}
	}

	/**
	 * @param perUser requests a signed-in user may make per {@code period}
	 * @param perIp requests one anonymous address may make per {@code period}
	 * @param signedInPerIp requests all signed-in users at one address may make per {@code period}, on top of
	 *        {@code perUser} (0: no such ceiling)
	 * @param sync whether each request asks Redis ({@code exact}, the default) or instances decide locally and
	 *        settle in batches ({@code local})
	 */
	public record Limit(long perUser, long perIp, Duration period, long signedInPerIp, Sync sync) {

		public Limit {
			sync = sync == null ? Sync.EXACT : sync;
		}
	}

	public RateLimitSettings {
		routes = routes == null ? Map.of() : Map.copyOf(routes);
	}

	Limit limitFor(RouteClass route) {
		Limit limit = routes.get(route);
		if (limit == null) {
			throw new IllegalStateException("No rate limit configured for boxoffice.rate-limits.routes." + route.key());
		}
		return limit;
	}
}
