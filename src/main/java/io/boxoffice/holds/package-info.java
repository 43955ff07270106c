/**
 * Seat holds: a buyer's short, exclusive claim on seats while they pay. Holds live only in Redis; each
 * change of seat state is one Lua script (hold, release, expire, extend, sell, unsell) that also bumps the
 * event's version and appends the change to its change stream. Postgres stays the truth about sales: the Redis
 * set of sold seats is rebuilt from it whenever Redis has lost it. Expired holds are freed by a sweep on every
 * instance, and at once, for every event, by the one instance that leads prompt expiry (docs/seat-changes.md).
 * <p>
 * Other modules use {@link io.boxoffice.holds.SeatHolds} and {@link io.boxoffice.holds.Hold} (booking),
 * {@link io.boxoffice.holds.SeatStates} with {@link io.boxoffice.holds.SeatSnapshot} (seat state now), and
 * {@link io.boxoffice.holds.SeatChangeFeed} with {@link io.boxoffice.holds.SeatChange} and
 * {@link io.boxoffice.holds.SeatUpdate} (following the changes: the live seat map). Key names, the stream's entries
 * and its notifications stay in here; everything else is package-private. The HTTP API is {@code /api/holds}.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.holds;
