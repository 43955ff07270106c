package io.boxoffice.platform;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The one {@link TransactionalOperator} every module injects (Spring Boot's own backs off). */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

	/**
	 * @param limit a transaction still working after this rolls back: the guard against one that hangs, since a
	 *        client going away no longer ends it
	 */
	@Bean
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager,
			@Value("${boxoffice.transactions.timeout:2m}") Duration limit) {
		return new TransactionsRunToTheEnd(TransactionalOperator.create(transactionManager), limit);
	}
}
