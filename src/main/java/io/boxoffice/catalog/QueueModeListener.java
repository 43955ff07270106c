package io.boxoffice.catalog;

import reactor.core.publisher.Mono;

/**
 * Told, after the commit, the queue mode an admin write stored for an event, so the waiting room's live copy
 * (in Redis, read by every instance) follows at once. Implemented by the waiting room; the catalog does not
 * depend on it.
 */
public interface QueueModeListener {

	/** {@code queueMode} is OFF, ON or AUTO. A failure fails the admin request (the stored mode is already in). */
	Mono<Void> queueModeStored(long eventId, String queueMode);
}
