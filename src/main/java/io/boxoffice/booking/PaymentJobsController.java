package io.boxoffice.booking;

import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.boxoffice.jobs.StuckJobs;

/**
 * The operators' dead-letter view of payment jobs ({@code /api/admin/**}, role ADMIN): every capture, void or
 * refund still failing after {@code max-attempts} (it goes on retrying) or given up before payment jobs stopped
 * giving up. Each one is a buyer who may be charged without a ticket, or a sale without money (docs/payments.md).
 */
@RestController
class PaymentJobsController {

	private static final int LIMIT = 500;

	private final StuckJobs stuckJobs;

	PaymentJobsController(StuckJobs stuckJobs) {
		this.stuckJobs = stuckJobs;
	}

	/**
	 * @param status PENDING (stuck, still retrying) or FAILED (given up)
	 * @param nextAttemptAt when a stuck job runs again
	 */
	record PaymentJobView(long id, String kind, String status, int attempts, Instant createdAt, Instant nextAttemptAt,
			@io.swagger.v3.oas.annotations.media.Schema(nullable = true) String lastError, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String bookingId, @io.swagger.v3.oas.annotations.media.Schema(nullable = true) String paymentIntentId) {

		static PaymentJobView of(StuckJobs.StuckJob job) {
			return new PaymentJobView(job.id(), job.kind(), job.status(), job.attempts(), job.createdAt(), job.nextAttemptAt(),
					job.lastError(), text(job.payload().get("bookingId")), text(job.payload().get("paymentIntentId")));
		}

		private static String text(Object value) {
			return value == null ? null : value.toString();
		}
	}

	/** {@code ?state=stuck} (the only state so far, and the default): oldest first, at most 500. */
	@GetMapping("/api/admin/payment-jobs")
	@io.swagger.v3.oas.annotations.Operation(operationId = "listStuckPaymentJobs", summary = "Payment jobs that are stuck")
	Mono<ResponseEntity<List<PaymentJobView>>> stuck(@RequestParam(defaultValue = "stuck") String state) {
		if (!state.equals("stuck")) {
			return Mono.error(BookingProblems.unknownJobState(state));
		}
		return stuckJobs.of(BookingJobs.PAYMENT_KINDS, LIMIT)
			.map(PaymentJobView::of)
			.collectList()
			.map(jobs -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(jobs));
	}
}
