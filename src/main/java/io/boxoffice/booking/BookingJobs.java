package io.boxoffice.booking;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.holds.SeatHolds;
import io.boxoffice.jobs.Job;
import io.boxoffice.jobs.JobHandler;
import io.boxoffice.payment.PaymentGateway;

/**
 * The side effects a booking transaction leaves behind, run by the jobs module after the commit with
 * retries. Each is idempotent and none depends on running after another: Stripe calls carry the job's
 * idempotency key and act on the payment's and the booking's state when they run, and the Redis jobs apply
 * the ticket rows as they are then.
 */
@Configuration(proxyBeanMethods = false)
class BookingJobs {

	static final String CAPTURE = "payment.capture";
	static final String VOID = "payment.void";
	static final String REFUND = "payment.refund";
	static final String MARK_SOLD = "holds.mark-sold";
	static final String UNSELL = "holds.unsell";
	static final String RELEASE_HOLD = "holds.release";
	/** Run by the mail module, whose contract is the kind and the payload of {@link #mail(Booking)} (docs/mail-and-waitlist.md). */
	static final String MAIL_CONFIRMED = "mail.booking-confirmed";
	static final String MAIL_CANCELLED = "mail.booking-cancelled";

	static Map<String, Object> mail(Booking booking) {
		return Map.of("bookingId", booking.id().toString(), "userId", booking.userId(), "eventId", booking.eventId(),
				"seatIds", booking.seatIds(), "amountCents", booking.amountCents(), "currency", booking.currency());
	}

	/** The payment jobs: never given up, because a buyer's money depends on each of them (docs/payments.md). */
	static final List<String> PAYMENT_KINDS = List.of(CAPTURE, VOID, REFUND);

	/**
	 * Captures only what is still sold: the booking is read again, and one cancelled (or otherwise ended) since
	 * the confirm gets its authorization voided instead. Capture and refund jobs run in no fixed order, and this
	 * way neither order charges a buyer who has no ticket.
	 */
	@Bean
	JobHandler captureJob(PaymentGateway gateway, Bookings bookings) {
		return payment(CAPTURE, job -> bookings.find(UUID.fromString(text(job, "bookingId")))
			.map(booking -> booking.status() == BookingStatus.CONFIRMED)
			.defaultIfEmpty(false)
			.flatMap(sold -> sold ? gateway.capture(text(job, "paymentIntentId"), job.idempotencyKey())
					: gateway.cancel(text(job, "paymentIntentId"), job.idempotencyKey())));
	}

	@Bean
	JobHandler voidJob(PaymentGateway gateway) {
		return payment(VOID, job -> gateway.cancel(text(job, "paymentIntentId"), job.idempotencyKey()));
	}

	@Bean
	JobHandler refundJob(PaymentGateway gateway) {
		return payment(REFUND, job -> gateway.refund(text(job, "paymentIntentId"), job.idempotencyKey()));
	}

	/** Redis is told what the ticket rows say when the job runs, so mark-sold and unsell may run in either order. */
	@Bean
	JobHandler markSoldJob(SeatHolds holds) {
		return handler(MARK_SOLD, job -> holds.syncSold(number(job, "eventId"), text(job, "holdId"), seats(job)));
	}

	@Bean
	JobHandler unsellJob(SeatHolds holds) {
		return handler(UNSELL, job -> holds.syncSold(number(job, "eventId"), null, seats(job)));
	}

	@Bean
	JobHandler releaseHoldJob(SeatHolds holds) {
		// A hold that is already gone (expired, released, sold) is the outcome this job wants.
		return handler(RELEASE_HOLD, job -> holds.releaseForBooking(text(job, "userId"), text(job, "holdId"))
			.onErrorResume(ErrorResponseException.class, gone -> gone.getStatusCode().value() == 404 ? Mono.empty() : Mono.error(gone)));
	}

	private static JobHandler handler(String kind, Function<Job, Mono<Void>> run) {
		return handler(kind, run, false);
	}

	private static JobHandler payment(String kind, Function<Job, Mono<Void>> run) {
		return handler(kind, run, true);
	}

	private static JobHandler handler(String kind, Function<Job, Mono<Void>> run, boolean neverGivesUp) {
		return new JobHandler() {
			@Override
			public String kind() {
				return kind;
			}

			@Override
			public Mono<Void> handle(Job job) {
				return run.apply(job);
			}

			@Override
			public boolean neverGivesUp() {
				return neverGivesUp;
			}
		};
	}

	private static Map<?, ?> payload(Job job) {
		return job.payload(Map.class);
	}

	private static String text(Job job, String field) {
		return String.valueOf(payload(job).get(field));
	}

	private static long number(Job job, String field) {
		return ((Number) payload(job).get(field)).longValue();
	}

	private static List<Long> seats(Job job) {
		return ((List<?>) payload(job).get("seatIds")).stream().map(seat -> ((Number) seat).longValue()).toList();
	}
}
