/**
 * The edge between the internet and the service: bearer-token security (JWT resource server, roles USER and
 * ADMIN, the user is the token subject), one RFC 9457 problem-details mapping for every error with stable
 * {@link io.boxoffice.edge.ProblemTypes types}, request body limits, correlation ids, the client's address and
 * scheme (forwarded headers believed from trusted proxies only), and Redis-backed rate limits per route class
 * (docs/security.md). Other modules only see {@code ProblemTypes} and {@link io.boxoffice.edge.Problem} (the
 * exception for an expected refusal), {@link io.boxoffice.edge.QueryParameters} (the shared query-string rules)
 * and the Redis entry points; everything else is internal.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.edge;
