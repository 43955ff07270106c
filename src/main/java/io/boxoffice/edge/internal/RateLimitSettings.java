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
 * @param routes limits by route class: {@code reads}, {@code holds}, {@code bookings}, {@code admin}, {@code queue}, {@code scans}
 */
@ConfigurationProperties("boxoffice.rate-limits")
public record RateLimitSettings(@DefaultValue("true") boolean enabled, @DefaultValue("250ms") Duration timeout,
		Map<RouteClass, Limit> routes) {

	/**
	 * @param perUser requests a signed-in user may make per {@code period}
	 * @param perIp requests one anonymous address may make per {@code period}
	 * @param signedInPerIp requests all signed-in users at one address may make per {@code period}, on top of
	 *        {@code perUser} (0: no such ceiling)
	 */
	public record Limit(long perUser, long perIp, Duration period, long signedInPerIp) {
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
