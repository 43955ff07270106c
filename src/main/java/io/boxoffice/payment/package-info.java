/**
 * Payments through Stripe: a PaymentIntent per booking, authorized now and captured once the seats are
 * sold ({@code capture_method=manual}), voided or refunded otherwise, and the verification of Stripe's
 * signed webhooks.
 *
 * <p>Other modules see only {@link io.boxoffice.payment.PaymentGateway}, {@link io.boxoffice.payment.PaymentWebhooks},
 * their small records and the problems in {@link io.boxoffice.payment.PaymentProblems}; no Stripe type leaks
 * out. Stripe's client blocks, so every call runs on this module's own bounded scheduler with a timeout,
 * and a slow Stripe can neither stall the event loops nor starve other modules' blocking work. Stripe is
 * deliberately not part of readiness: an outage fails payments (503, retryable), it must not take the
 * instance out of rotation for browsing and seat maps.
 */
@org.springframework.modulith.ApplicationModule
package io.boxoffice.payment;
