/**
 * The virtual waiting room for on-sales ({@code docs/waiting-room.md}): buyers join an event's queue and get a
 * numbered place (a pre-queue drawn in a secure random order at opening, then first come first served), watch their
 * position over {@code WS /ws/queue/{ticket}} or by polling, and are admitted at the event's configured pace by a
 * Redis token bucket that any instance may tick. An admitted buyer claims a signed admission token; the holds module
 * asks {@link io.boxoffice.queue.AdmissionGate} whether a hold needs one and which Redis key proves it is still valid,
 * and its hold script checks that key atomically with the hold.
 * <p>
 * Everything lives in Redis under the event's hash tag {@code {eventId}} (the holds module's tag, so the hold script
 * can read the admission key on the same Cluster slot). Other modules use only {@code AdmissionGate}; everything
 * else is package-private.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.queue;
