/**
 * The live seat map: {@code WS /ws/events/{id}/availability} sends a snapshot of the held and sold seats, then
 * a delta per change, read from the event's Redis change stream (see the holds module). One reader per instance
 * per watched event ({@link io.boxoffice.seatmap.EventFeeds}) is woken by keyspace notifications and polls as a
 * safety net; every client has its own bounded, coalescing buffer ({@link io.boxoffice.seatmap.ClientFeed}), so
 * a slow client never delays the others. Nothing here is called by other modules.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.seatmap;
