/**
 * The live seat map: {@code WS /ws/events/{id}/availability} sends a snapshot of the held and sold seats, then
 * a delta per change, as the holds module's {@link io.boxoffice.holds.SeatChangeFeed} reports them. This module is
 * fan-out only: one follower per instance per watched event ({@link io.boxoffice.seatmap.EventFeeds}) keeps the
 * event's state in memory and hands each change to every client's own bounded, coalescing buffer
 * ({@link io.boxoffice.seatmap.ClientFeed}), so a slow client never delays the others. Nothing here is called by
 * other modules.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.seatmap;
