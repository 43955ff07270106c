package io.boxoffice.catalog;

import java.util.List;

/**
 * Which seats of an event are held or sold right now; every other seat of the layout is free.
 * {@code version} grows with every seat change, so a client can order snapshots and deltas.
 */
public record Availability(long version, List<Long> held, List<Long> sold) {
}
