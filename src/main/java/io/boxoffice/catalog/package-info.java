/**
 * The catalog: venues with their seat layouts, performers, events and price tiers, and the reads a
 * buyer makes before booking (event lists, event details, the seat-map layout, availability).
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.catalog;
