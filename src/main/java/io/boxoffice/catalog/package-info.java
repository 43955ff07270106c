/**
 * The catalog: venues with their seat layouts, performers, events and price tiers, and the reads a
 * buyer makes before booking (event lists, event details, the seat-map layout, availability).
 * <ul>
 * <li>The event view is served from Redis ({@code internal.EventViewCache}, one entry per event and version)
 * with live availability counts merged at read time; Postgres answers when Redis cannot.</li>
 * <li>{@code admin} holds the writes under {@code /api/admin/**}: one transaction each, with an outbox row per
 * changed event on {@code catalog.event-changed} and the cached views invalidated after the commit.</li>
 * </ul>
 * Other modules use only the public types of this package.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.catalog;
