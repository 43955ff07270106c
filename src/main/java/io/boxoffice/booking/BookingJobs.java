package io.boxoffice.booking;

import java.util.List;
import java.util.Map;

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
 * retries. Each is idempotent: Stripe calls carry the job's idempotency key, and the Redis scripts are
 * no-ops when already applied.
 */
@Configuration(proxyBeanMethods = false)
class BookingJobs {

	static final String CAPTURE = "payment.capture";
	static final String VOID = "payment.void";
	static final String REFUND = "payment.refund";
	static final String MARK_SOLD = "holds.mark-sold";
	static final String UNSELL = "holds.unsell";
	static final String RELEASE_HOLD = "holds.release";

	@Bean
	JobHandler captureJob(PaymentGateway gateway) {
		return handler(CAPTURE, job -> gateway.capture(text(job, "paymentIntentId"), job.idempotencyKey()));
	}

	@Bean
	JobHandler voidJob(PaymentGateway gateway) {
		return handler(VOID, job -> gateway.cancel(text(job, "paymentIntentId"), job.idempotencyKey()));
	}

	@Bean
	JobHandler refundJob(PaymentGateway gateway) {
		return handler(REFUND, job -> gateway.refund(text(job, "paymentIntentId"), job.idempotencyKey()));
	}

	@Bean
	JobHandler markSoldJob(SeatHolds holds) {
		return handler(MARK_SOLD, job -> holds.markSold(number(job, "eventId"), text(job, "holdId"), seats(job)));
	}

	@Bean
	JobHandler unsellJob(SeatHolds holds) {
		return handler(UNSELL, job -> holds.unsell(number(job, "eventId"), seats(job)));
	}

	@Bean
	JobHandler releaseHoldJob(SeatHolds holds) {
		// A hold that is already gone (expired, released, sold) is the outcome this job wants.
		return handler(RELEASE_HOLD, job -> holds.releaseForBooking(text(job, "userId"), text(job, "holdId"))
			.onErrorResume(ErrorResponseException.class, gone -> gone.getStatusCode().value() == 404 ? Mono.empty() : Mono.error(gone)));
	}

	private static JobHandler handler(String kind, java.util.function.Function<Job, Mono<Void>> run) {
		return new JobHandler() {
			@Override
			public String kind() {
				return kind;
			}

			@Override
			public Mono<Void> handle(Job job) {
				return run.apply(job);
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
