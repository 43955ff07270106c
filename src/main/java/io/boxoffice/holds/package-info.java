/**
 * Seat holds: a buyer's short, exclusive claim on seats while they pay. Holds live only in Redis; each
 * change of seat state is one Lua script (hold, release, expire, extend, sell, unsell) that also bumps the
 * event's version and appends the change to its stream, so the live seat map can follow. Postgres stays
 * the truth about sales: the Redis set of sold seats is rebuilt from it whenever Redis has lost it.
 * <p>
 * Other modules use {@link io.boxoffice.holds.SeatHolds} and {@link io.boxoffice.holds.Hold} (booking), and
 * {@link io.boxoffice.holds.SeatStates} with {@link io.boxoffice.holds.SeatSnapshot} (the live seat map); everything
 * else is package-private. The HTTP API is {@code /api/holds}.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.holds;
