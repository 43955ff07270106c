/**
 * Waitlists for sold-out events: a signed-in buyer joins with how many seats they want (optionally in one section),
 * first come first served by the entry's id in Postgres. When seats come back, {@link io.boxoffice.waitlist.WaitlistOffers}
 * holds them in Redis for the next buyer in line (through the holds module's atomic hold script, so a seat is never
 * offered twice) for {@code offer-ttl}, records the offer and enqueues its mail in one transaction, and passes an
 * unused offer on. Returned seats are found by a periodic check of every event with waiters (any instance, one at a
 * time per event under a Postgres advisory lock), which sees cancellations, expired bookings and released holds
 * alike. A module of its own: it needs holds, catalog and mail, and nothing needs it (docs/mail-and-waitlist.md).
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.waitlist;
