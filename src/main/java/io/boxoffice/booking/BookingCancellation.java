package io.boxoffice.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.catalog.SeatPrices;

/**
 * {@code DELETE /api/bookings/{id}}: a CONFIRMED booking is cancelled and refunded until the cut-off before the
 * event; a PENDING one is released (its authorization voided). Other states cannot be cancelled.
 */
@Service
class BookingCancellation {

	private final Bookings bookings;
	private final SeatPrices events;
	private final BookingLifecycle lifecycle;
	private final TransactionalOperator transaction;
	private final BookingSettings settings;
	private final Clock clock;

	BookingCancellation(Bookings bookings, SeatPrices events, BookingLifecycle lifecycle,
			TransactionalOperator transaction, BookingSettings settings, Clock clock) {
		this.bookings = bookings;
		this.events = events;
		this.lifecycle = lifecycle;
		this.transaction = transaction;
		this.settings = settings;
		this.clock = clock;
	}

	Mono<BookingView> cancel(String userId, UUID id) {
		Mono<Booking> cancelled = bookings.lock(id)
			.filter(booking -> booking.userId().equals(userId))
			.switchIfEmpty(Mono.error(() -> BookingProblems.bookingNotFound(id)))
			.flatMap(booking -> switch (booking.status()) {
				case CONFIRMED -> cancelConfirmed(booking);
				case PENDING -> lifecycle.releasePending(booking, "released by the buyer");
				default -> Mono.error(BookingProblems.notCancellable(id, "Booking " + id + " is already " + booking.status(), null));
			});
		return transaction.transactional(cancelled).map(BookingView::of);
	}

	private Mono<Booking> cancelConfirmed(Booking booking) {
		return events.quote(booking.eventId(), List.of()).flatMap(event -> {
			Instant cutoff = event.startsAt().minus(settings.cancelCutoff());
			if (!clock.instant().isBefore(cutoff)) {
				return Mono.error(BookingProblems.notCancellable(booking.id(), "Bookings can be cancelled until "
						+ settings.cancelCutoff().toHours() + " h before the event; this one no longer", cutoff));
			}
			return lifecycle.cancelConfirmed(booking);
		});
	}
}
