package io.boxoffice.booking;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.boxoffice.payment.PaymentGateway;
import io.boxoffice.payment.PaymentState;

/**
 * Two safety nets, both safe to run on every instance at once. The sweeper expires PENDING bookings whose
 * payment window passed (rows claimed with {@code SKIP LOCKED}; the void of their authorization is a job in
 * the same transaction). The reconciler asks Stripe about PENDING bookings old enough that their webhook
 * should have come, and applies what it says through the same idempotent paths the webhook uses; and it has
 * {@link PaymentReconciliation} compare every booking past PENDING with Stripe.
 */
@Component
class BookingSweeper implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BookingSweeper.class);
	private static final int BATCH = 100;

	private final Bookings bookings;
	private final BookingLifecycle lifecycle;
	private final PaymentGateway gateway;
	private final PaymentReconciliation payments;
	private final TransactionalOperator transaction;
	private final BookingSettings settings;
	private final Clock clock;
	private volatile Disposable running;

	BookingSweeper(Bookings bookings, BookingLifecycle lifecycle, PaymentGateway gateway, PaymentReconciliation payments,
			TransactionalOperator transaction, BookingSettings settings, Clock clock) {
		this.bookings = bookings;
		this.lifecycle = lifecycle;
		this.gateway = gateway;
		this.payments = payments;
		this.transaction = transaction;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Expires the overdue PENDING bookings, a batch per transaction, until none is left (an on-sale can leave
	 * thousands overdue at once, each blocking its seats); returns how many.
	 */
	Mono<Long> expireOverdue() {
		return expireBatch()
			.expand(expired -> expired == BATCH ? expireBatch() : Mono.empty())
			.reduce(0L, Long::sum);
	}

	/**
	 * The batch is read whole before its updates: they share the transaction's one connection, and updates issued
	 * while the locking query still streams its rows wait for it for ever once the rows outgrow the first fetch.
	 */
	private Mono<Long> expireBatch() {
		return transaction.transactional(bookings.lockOverdue(clock.instant(), BATCH).collectList()
			.flatMap(overdue -> Flux.fromIterable(overdue).concatMap(lifecycle::expire).count()));
	}

	/**
	 * Asks Stripe about PENDING bookings whose webhook is late, and about bookings past PENDING whose payment
	 * was not checked since their last change (see {@link PaymentReconciliation}); returns how many changed.
	 */
	Mono<Long> reconcile() {
		return reconcilePending().flatMap(pending -> payments.checkAll(clock.instant().minus(settings.reconcileAfter()))
			.map(checked -> pending + checked));
	}

	private Mono<Long> reconcilePending() {
		return bookings.pendingWithPaymentSince(clock.instant().minus(settings.reconcileAfter()), BATCH)
			.concatMap(booking -> gateway.status(booking.paymentIntentId())
				.flatMap(status -> {
					if (status.state() == PaymentState.AUTHORIZED) {
						return lifecycle.paymentAuthorized(booking.id()).thenReturn(true);
					}
					if (status.state() == PaymentState.CANCELED) {
						return transaction.transactional(bookings.lock(booking.id())
							.filter(locked -> locked.status() == BookingStatus.PENDING)
							.flatMap(locked -> lifecycle.fail(locked, "the payment was cancelled"))).thenReturn(true);
					}
					return Mono.just(false);
				})
				.onErrorResume(failure -> {
					log.warn("Could not reconcile booking {}: {}", booking.id(), failure.toString());
					return Mono.just(false);
				}))
			.filter(changed -> changed)
			.count();
	}

	@Override
	public void start() {
		Flux<Long> sweeps = Flux.interval(settings.sweepInterval(), Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap(tick -> expireOverdue().onErrorResume(failure -> {
				log.warn("Booking expiry sweep failed: {}", failure.toString());
				return Mono.just(0L);
			}));
		Flux<Long> reconciliations = Flux.interval(settings.reconcileInterval(), Schedulers.parallel())
			.onBackpressureDrop()
			.concatMap(tick -> reconcile().onErrorResume(failure -> Mono.just(0L)));
		running = Flux.merge(sweeps, reconciliations).subscribe();
	}

	@Override
	public void stop() {
		Disposable current = running;
		if (current != null) {
			current.dispose();
		}
		running = null;
	}

	@Override
	public boolean isRunning() {
		return running != null;
	}

}
