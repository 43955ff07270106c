package io.boxoffice.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.ErrorResponseException;

import io.boxoffice.catalog.SeatPrices;
import io.boxoffice.holds.SeatHolds;
import io.boxoffice.payment.PaymentMinimums;
import io.boxoffice.payment.PaymentProblems;

/** Creating a booking from the caller's hold, and reading one's own bookings. */
@Service
class BookingCreation {

	private static final Logger log = LoggerFactory.getLogger(BookingCreation.class);

	private final Bookings bookings;
	private final IdempotencyKeys idempotencyKeys;
	private final SeatHolds holds;
	private final SeatPrices prices;
	private final BookingPayments payments;
	private final BookingDetails details;
	private final TransactionalOperator transaction;
	private final BookingSettings settings;
	private final Clock clock;
	private final PurchaseLimits limits;

	BookingCreation(Bookings bookings, IdempotencyKeys idempotencyKeys, SeatHolds holds, SeatPrices prices,
			BookingPayments payments, BookingDetails details, TransactionalOperator transaction, BookingSettings settings, Clock clock,
			PurchaseLimits limits) {
		this.details = details;
		this.bookings = bookings;
		this.idempotencyKeys = idempotencyKeys;
		this.holds = holds;
		this.prices = prices;
		this.payments = payments;
		this.transaction = transaction;
		this.settings = settings;
		this.clock = clock;
		this.limits = limits;
	}

	/** Creates the PENDING booking for the caller's hold (or replays the one this key created). */
	Mono<BookingView> create(String userId, String idempotencyKey, String holdId) {
		String requestHash = IdempotencyKeys.hash("POST /api/bookings " + holdId);
		return idempotencyKeys.find(userId, idempotencyKey)
			.flatMap(stored -> replay(stored, requestHash))
			.switchIfEmpty(Mono.defer(() -> createNew(userId, idempotencyKey, requestHash, holdId)))
			.flatMap(payments::openPayment);
	}

	private Mono<UUID> replay(IdempotencyKeys.Stored stored, String requestHash) {
		return stored.requestHash().equals(requestHash) ? Mono.just(stored.bookingId())
				: Mono.error(BookingProblems.idempotencyKeyReused());
	}

	private Mono<UUID> createNew(String userId, String idempotencyKey, String requestHash, String holdId) {
		return holds.findOwned(userId, holdId)
			.switchIfEmpty(Mono.error(() -> BookingProblems.holdNotFound(holdId)))
			.flatMap(hold -> prices.quote(hold.eventId(), hold.seatIds()).flatMap(quote -> {
				Set<Long> priced = quote.seats().stream().map(SeatPrices.PricedSeat::seatId).collect(Collectors.toSet());
				List<Long> unpriced = hold.seatIds().stream().filter(seat -> !priced.contains(seat)).toList();
				if (!unpriced.isEmpty()) {
					return Mono.error(BookingProblems.unpricedSeats(unpriced));
				}
				if (quote.totalCents() > 0 && !PaymentMinimums.isChargeable(quote.totalCents(), quote.currency())) {
					// Refused before anything is written or extended: Stripe would refuse the payment after the commit.
					return Mono.error(PaymentProblems.belowMinimum(quote.totalCents(), quote.currency()));
				}
				// The hold must outlive the payment window, or Redis could offer the seats to someone else while
				// this buyer pays. Extended once: a retried create does not push it further.
				return limits.check(userId, hold.eventId(), hold.seatIds().size())
					.then(Mono.defer(() -> holds.extend(hold.id(), settings.paymentWindow())))
					.switchIfEmpty(Mono.error(() -> BookingProblems.holdNotFound(holdId)))
					.flatMap(extended -> {
					Instant now = clock.instant();
					var items = quote.seats().stream().map(s -> new Booking.Item(s.seatId(), s.priceCents())).toList();
					var booking = new Booking(BookingIds.next(), userId, hold.eventId(), BookingStatus.PENDING,
							quote.totalCents(), quote.currency(), null, hold.id(), now, extended.expiresAt(), null, null,
							null, items);
					return insert(booking, idempotencyKey, requestHash)
						.onErrorResume(failure -> handBackUnbookedHold(hold.id(), failure));
				});
			}));
	}

	private Mono<UUID> insert(Booking booking, String idempotencyKey, String requestHash) {
		Mono<UUID> write = idempotencyKeys.claim(booking.userId(), idempotencyKey, requestHash, booking.id())
			.flatMap(claimed -> claimed ? limits.checkLocked(booking.userId(), booking.eventId(), booking.items().size())
					.then(bookings.insert(booking)).thenReturn(booking.id())
					// A concurrent request with the same key won: use its booking.
					: idempotencyKeys.find(booking.userId(), idempotencyKey).flatMap(stored -> replay(stored, requestHash)));
		return transaction.transactional(write)
			.onErrorResume(DataIntegrityViolationException.class, duplicateHold -> bookings.findByHold(booking.holdId())
				.flatMap(existing -> Mono.<UUID>error(BookingProblems.holdAlreadyBooked(booking.holdId(), existing.id())))
				.switchIfEmpty(Mono.error(duplicateHold)))
			.doOnNext(id -> log.info("Booking {} created PENDING for hold {} ({} seats, {} {})", id, booking.holdId(),
					booking.items().size(), booking.amountCents(), booking.currency()));
	}

	/**
	 * The booking could not be written after its hold was extended for payment. Unless Postgres shows a booking
	 * for the hold (a concurrent create won, or this one committed before the failure), the owner gets the hold
	 * back: without this, only a booking could end it and its seats would stay blocked for the payment window.
	 * If a booking is written after the check, the owner could release its seats early; the confirm transaction
	 * still sells each seat once, so that costs a race, never a double sale. A refusal because another request
	 * holds the key or booked the hold hands nothing back.
	 */
	private Mono<UUID> handBackUnbookedHold(String holdId, Throwable failure) {
		if (failure instanceof ErrorResponseException) {
			// The key or the hold belongs to another request, which may be booking this very hold right now:
			// undoing "its" extension would let the hold lapse under that booking, and a loop of such conflicts
			// would otherwise re-extend the hold for ever without anyone paying.
			return Mono.error(failure);
		}
		return bookings.findByHold(holdId).hasElement()
			.filter(booked -> !booked)
			.flatMap(unbooked -> holds.undoExtension(holdId))
			.doOnNext(undone -> {
				if (undone) {
					log.warn("Booking for hold {} failed ({}); the hold is its owner's to release again", holdId,
							failure.toString());
				}
			})
			.onErrorResume(checkFailed -> {
				log.warn("Booking for hold {} failed and its hold stays extended: could not check for a booking", holdId,
						checkFailed);
				return Mono.empty();
			})
			.then(Mono.error(failure));
	}

	Mono<Booking> findOwned(String userId, UUID id) {
		return bookings.find(id)
			.filter(booking -> booking.userId().equals(userId))
			.switchIfEmpty(Mono.error(() -> BookingProblems.bookingNotFound(id)));
	}

	/** One page of the user's bookings, newest first; one row more than the page tells whether there is a next. */
	Mono<BookingPage> ofUser(String userId, BookingCursor after, int limit) {
		return bookings.ofUser(userId, after, limit + 1).collectList().flatMap(rows -> {
			List<Booking> page = rows.size() > limit ? rows.subList(0, limit) : rows;
			String next = rows.size() > limit ? new BookingCursor(page.get(limit - 1).createdAt(), page.get(limit - 1).id()).encode() : null;
			return details.describe(page.stream().map(BookingView::of).toList()).map(views -> new BookingPage(views, next));
		});
	}
}
