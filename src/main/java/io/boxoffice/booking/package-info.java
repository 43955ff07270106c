/**
 * Bookings: the state machine from a hold to a confirmed sale, every status change made by {@code BookingLifecycle}
 * along the table on {@code BookingStatus} (docs/bookings-and-payments.md, "Booking states"). A booking is created PENDING from the
 * caller's hold with a Stripe authorization (manual capture); it is confirmed in one PostgreSQL transaction
 * that inserts the {@code ticket} rows (whose primary key makes a double sale impossible whatever Redis
 * says), or RELEASED with the authorization voided if another booking got a seat first. Side effects after
 * the commit (capture, void, refund, Redis sync) are durable jobs that run in any order; payment jobs never give
 * up, a reconciler compares every booking with Stripe, and {@code /api/admin/payment-jobs} shows operators the
 * stuck ones (docs/payments.md). Also hosts the Stripe webhook, because its dedupe row must commit with the
 * booking change it causes.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.booking;
