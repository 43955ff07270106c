/**
 * Durable side effects: a {@code job} row written in the caller's own transaction and run after it
 * commits, with retries, exponential backoff and leases, by whichever instance claims it first.
 * Other modules call {@link io.boxoffice.jobs.Jobs#enqueue} inside their transaction and implement
 * {@link io.boxoffice.jobs.JobHandler} for the kinds they own; everything else is package-private.
 * Delivery is at least once, so handlers are idempotent (Stripe calls pass
 * {@link io.boxoffice.jobs.Job#idempotencyKey()}). A handler that {@link io.boxoffice.jobs.JobHandler#neverGivesUp()}
 * (payments) is retried for as long as it takes, and {@link io.boxoffice.jobs.StuckJobs} lists the jobs that need a person.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.jobs;
