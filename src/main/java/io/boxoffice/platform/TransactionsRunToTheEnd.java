package io.boxoffice.platform;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A transaction, once begun, runs to its end: it commits when the work succeeds and rolls back when the work fails
 * or takes longer than {@code limit}. A subscriber that goes away (a client disconnecting mid-request, a timeout
 * further down the chain) no longer cancels it half way; it only stops waiting for the answer.
 * <p>
 * Why: a cancel that reaches Spring's reactive transaction while it is beginning hands the pooled connection back
 * with its {@code BEGIN} still in flight. r2dbc-pool releases a connection on cancel, Spring never rolls back a
 * transaction it had not finished starting, and r2dbc-postgresql would skip the rollback anyway, because it has
 * not yet seen the server's answer to {@code BEGIN} (spring-framework#32115 is the same family). The connection
 * then waits in the pool inside a transaction: the auto-commit statements of whoever borrows it next never commit,
 * and their locks block every writer (a benchmark found row locks held for 11 minutes). {@code CancelledTransactionIT}
 * reproduces it.
 * <p>
 * Running to the end is also the answer a buyer wants: a confirm whose client hung up either committed or did not,
 * and the idempotent retry finds out which.
 */
final class TransactionsRunToTheEnd implements TransactionalOperator {

	private final TransactionalOperator transactions;
	private final Duration limit;

	TransactionsRunToTheEnd(TransactionalOperator transactions, Duration limit) {
		this.transactions = transactions;
		this.limit = limit;
	}

	@Override
	public <T> Mono<T> transactional(Mono<T> work) {
		return detached(transactions.transactional(work.timeout(limit)));
	}

	/** Collects the items inside the transaction: ours are small (a batch of bookings, of outbox rows). */
	@Override
	public <T> Flux<T> execute(TransactionCallback<T> action) {
		Mono<List<T>> all = transactions
			.execute(status -> Flux.from(action.doInTransaction(status)).collectList().timeout(limit))
			.next();
		return detached(all).flatMapIterable(items -> items);
	}

	/** Subscribes now, with the caller's context (a surrounding transaction joins in); a cancel stops only the wait. */
	private static <T> Mono<T> detached(Mono<T> transaction) {
		return Mono.deferContextual(context -> Mono.fromFuture(transaction.contextWrite(context).toFuture(), true));
	}
}
