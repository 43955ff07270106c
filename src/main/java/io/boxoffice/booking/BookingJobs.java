package io.boxoffice.booking;

import java.util.List;
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
	/** Run by the mail module, whose contract is the kind and the payload {@link BookingMail} (docs/mail-and-waitlist.md). */
	static final String MAIL_CONFIRMED = "mail.booking-confirmed";
	static final String MAIL_CANCELLED = "mail.booking-cancelled";

	/** The payment jobs: never given up, because a buyer's money depends on each of them (docs/payments.md). */
	static final List<String> PAYMENT_KINDS = List.of(CAPTURE, VOID, REFUND);

	// The payloads. Their JSON is what the rows already in the job table hold (same names, same types): renaming a
	// component breaks the jobs written before the rename, and the mail module's copy of BookingMail.

	/**
	 * What a capture, void or refund acts on. Every payment job names its booking, so that the reconciler can tell one
	 * is still pending ({@code Jobs.isPending(PAYMENT_KINDS, "bookingId", …)}).
	 */
	record PaymentJob(UUID bookingId, String paymentIntentId) {

		static PaymentJob of(Booking booking) {
			return new PaymentJob(booking.id(), booking.paymentIntentId());
		}
	}

	/** Redis marks the seats sold as the ticket rows say when the job runs; the hold becomes the sale. */
	record MarkSold(long eventId, String holdId, List<Long> seatIds) {

		static MarkSold of(Booking booking) {
			return new MarkSold(booking.eventId(), booking.holdId(), booking.seatIds());
		}
	}

	/** Redis frees the seats the ticket rows no longer hold. */
	record Unsell(long eventId, List<Long> seatIds) {

		static Unsell of(Booking booking) {
			return new Unsell(booking.eventId(), booking.seatIds());
		}
	}

	/** The booking's hold is let go in Redis (its seats free again at once, not when it would expire). */
	record ReleaseHold(long eventId, String holdId, String userId) {

		static ReleaseHold of(Booking booking) {
			return new ReleaseHold(booking.eventId(), booking.holdId(), booking.userId());
		}
	}

	/** Everything a booking mail needs that the catalog cannot tell; read by the mail module as its own record. */
	record BookingMail(UUID bookingId, String userId, long eventId, List<Long> seatIds, long amountCents, String currency) {

		static BookingMail of(Booking booking) {
			return new BookingMail(booking.id(), booking.userId(), booking.eventId(), booking.seatIds(), booking.amountCents(),
					booking.currency());
		}
	}

	/**
	 * Captures only what is still sold: the booking is read again, and one cancelled (or otherwise ended) since
	 * the confirm gets its authorization voided instead. Capture and refund jobs run in no fixed order, and this
	 * way neither order charges a buyer who has no ticket.
	 */
	@Bean
	JobHandler captureJob(PaymentGateway gateway, Bookings bookings) {
		return payment(CAPTURE, job -> {
			PaymentJob payment = job.payload(PaymentJob.class);
			return bookings.find(payment.bookingId())
				.map(booking -> booking.status() == BookingStatus.CONFIRMED)
				.defaultIfEmpty(false)
				.flatMap(sold -> sold ? gateway.capture(payment.paymentIntentId(), job.idempotencyKey())
						: gateway.cancel(payment.paymentIntentId(), job.idempotencyKey()));
		});
	}

	@Bean
	JobHandler voidJob(PaymentGateway gateway) {
		return payment(VOID, job -> gateway.cancel(job.payload(PaymentJob.class).paymentIntentId(), job.idempotencyKey()));
	}

	@Bean
	JobHandler refundJob(PaymentGateway gateway) {
		return payment(REFUND, job -> gateway.refund(job.payload(PaymentJob.class).paymentIntentId(), job.idempotencyKey()));
	}

	/** Redis is told what the ticket rows say when the job runs, so mark-sold and unsell may run in either order. */
	@Bean
	JobHandler markSoldJob(SeatHolds holds) {
		return handler(MARK_SOLD, job -> {
			MarkSold sold = job.payload(MarkSold.class);
			return holds.syncSold(sold.eventId(), sold.holdId(), sold.seatIds());
		});
	}

	@Bean
	JobHandler unsellJob(SeatHolds holds) {
		return handler(UNSELL, job -> {
			Unsell unsell = job.payload(Unsell.class);
			return holds.syncSold(unsell.eventId(), null, unsell.seatIds());
		});
	}

	@Bean
	JobHandler releaseHoldJob(SeatHolds holds) {
		// A hold that is already gone (expired, released, sold) is the outcome this job wants.
		return handler(RELEASE_HOLD, job -> {
			ReleaseHold release = job.payload(ReleaseHold.class);
			return holds.releaseForBooking(release.userId(), release.holdId())
				.onErrorResume(ErrorResponseException.class, gone -> gone.getStatusCode().value() == 404 ? Mono.empty() : Mono.error(gone));
		});
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
}
