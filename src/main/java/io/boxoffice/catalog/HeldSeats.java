package io.boxoffice.catalog;

import java.util.List;

import reactor.core.publisher.Mono;

/**
 * The seats of an event that are held right now. Holds live in the holds module (which depends on the
 * catalog), so the catalog asks through this interface that the holds module implements; without an
 * implementation no seat counts as held.
 */
public interface HeldSeats {

	Mono<List<Long>> heldSeatIds(long eventId);
}
