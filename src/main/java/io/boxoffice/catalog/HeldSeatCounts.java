package io.boxoffice.catalog;

import reactor.core.publisher.Mono;

/**
 * How many seats of an event are held right now. Holds live outside the catalog (the holds module, which
 * depends on the catalog and so implements this rather than being called by name); the event view asks it
 * for its {@code held} count. An error means "unknown", never zero.
 */
public interface HeldSeatCounts {

	Mono<Long> heldSeats(long eventId);
}
