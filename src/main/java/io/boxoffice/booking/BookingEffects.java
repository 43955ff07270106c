package io.boxoffice.booking;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.boxoffice.booking.BookingJobs.BookingMail;
import io.boxoffice.booking.BookingJobs.MarkSold;
import io.boxoffice.booking.BookingJobs.PaymentJob;
import io.boxoffice.booking.BookingJobs.ReleaseHold;
import io.boxoffice.booking.BookingJobs.Unsell;
import io.boxoffice.jobs.Jobs;
import io.boxoffice.outbox.Outbox;
import io.boxoffice.outbox.Topics;

/**
 * The jobs and outbox rows a booking change leaves behind, written in the change's own transaction: they commit with
 * it or not at all, so a crash after the commit still captures, voids, refunds, frees or tells what it should.
 * A free booking (no payment) gets no payment job.
 */
@Component
class BookingEffects {

	private final Jobs jobs;
	private final Outbox outbox;

	BookingEffects(Jobs jobs, Outbox outbox) {
		this.jobs = jobs;
		this.outbox = outbox;
	}

	/** Capture, the confirmation mail, the seats marked sold in Redis, and {@link BookingConfirmed}. */
	Mono<Void> confirmed(Booking booking) {
		return payment(BookingJobs.CAPTURE, booking)
			.then(jobs.enqueue(BookingJobs.MAIL_CONFIRMED, BookingMail.of(booking)))
			.then(jobs.enqueue(BookingJobs.MARK_SOLD, MarkSold.of(booking)))
			.then(announce(BookingConfirmed.of(booking)));
	}

	/** Refund, the cancellation mail, the seats freed in Redis, and {@link BookingCancelled}. */
	Mono<Void> cancelled(Booking booking) {
		return payment(BookingJobs.REFUND, booking)
			.then(jobs.enqueue(BookingJobs.MAIL_CANCELLED, BookingMail.of(booking)))
			.then(jobs.enqueue(BookingJobs.UNSELL, Unsell.of(booking)))
			.then(announce(BookingCancelled.of(booking)));
	}

	Mono<Void> voidPayment(Booking booking) {
		return payment(BookingJobs.VOID, booking);
	}

	Mono<Void> releaseHold(Booking booking) {
		return jobs.enqueue(BookingJobs.RELEASE_HOLD, ReleaseHold.of(booking)).then();
	}

	private Mono<Void> payment(String kind, Booking booking) {
		return booking.paymentIntentId() == null ? Mono.empty() : jobs.enqueue(kind, PaymentJob.of(booking)).then();
	}

	private Mono<Void> announce(BookingChanged change) {
		return outbox.append(Topics.BOOKING_CHANGED, Long.toString(change.eventId()), change.type(), change);
	}
}
