package io.boxoffice.payment.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import io.boxoffice.payment.PaymentRejected;
import io.boxoffice.payment.PaymentUnavailable;

/**
 * Runs blocking Stripe calls off the event loops: on this module's own bounded scheduler (so a slow
 * Stripe cannot use up the threads other modules' blocking work needs), within the call timeout, with
 * Stripe's exceptions translated to {@link PaymentUnavailable} (retry) or {@link PaymentRejected} (don't),
 * and one {@code boxoffice.payment.calls{operation,outcome}} count per call.
 */
@Component
class StripeCalls implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(StripeCalls.class);

	private final StripeSettings settings;
	private final MeterRegistry meters;
	private final Scheduler scheduler;

	StripeCalls(StripeSettings settings, MeterRegistry meters) {
		this.settings = settings;
		this.meters = meters;
		this.scheduler = Schedulers.newBoundedElastic(settings.schedulerThreads(), settings.schedulerQueue(), "stripe", 60, true);
	}

	/** A blocking call whose Stripe errors all mean failure. */
	<T> Mono<T> call(String operation, StripeCall<T> call) {
		return call(operation, call, result -> "success");
	}

	/** A blocking call whose result has an outcome of its own (e.g. a declined card). */
	<T> Mono<T> call(String operation, StripeCall<T> call, Function<T, String> outcome) {
		return Mono.fromCallable(() -> Answer.of(call))
			.subscribeOn(scheduler)
			.timeout(settings.callTimeout())
			.flatMap(Answer::toMono)
			.doOnNext(result -> count(operation, outcome.apply(result)))
			.onErrorMap(error -> translate(operation, error));
	}

	private Throwable translate(String operation, Throwable error) {
		if (error instanceof TimeoutException) {
			count(operation, "timeout");
			log.warn("Stripe {} did not answer within {}", operation, settings.callTimeout());
			return new PaymentUnavailable(operation, "no answer within " + settings.callTimeout(), error);
		}
		if (error instanceof ApiConnectionException || error instanceof ApiException || error instanceof RateLimitException
				|| error instanceof RejectedExecutionException) {
			count(operation, "unavailable");
			log.warn("Stripe {} failed: {}", operation, error.toString());
			return new PaymentUnavailable(operation, error.getMessage(), error);
		}
		if (error instanceof StripeException stripe) {
			count(operation, "rejected");
			var stripeError = stripe.getStripeError();
			String reason = stripeError != null ? stripeError.getMessage() : stripe.getMessage();
			// Some errors (idempotency_error) have a type but no code.
			String code = stripe.getCode() != null ? stripe.getCode() : stripeError != null ? stripeError.getType() : null;
			log.warn("Stripe rejected {} ({}, status {}): {}", operation, code, stripe.getStatusCode(), reason);
			return new PaymentRejected(operation, code, reason, error);
		}
		count(operation, "error");
		return error;
	}

	private void count(String operation, String outcome) {
		Counter.builder("boxoffice.payment.calls")
			.description("Calls to Stripe by operation and outcome")
			.tag("operation", operation)
			.tag("outcome", outcome)
			.register(meters)
			.increment();
	}

	@Override
	public void destroy() {
		scheduler.dispose();
	}

	/**
	 * What a call ended with, error included: after a timeout the call still ends on its thread, and an
	 * exception thrown there would be reported as an error dropped by Reactor, while a value is quietly discarded.
	 */
	private record Answer<T>(T value, Exception error) {

		static <T> Answer<T> of(StripeCall<T> call) {
			try {
				return new Answer<>(call.run(), null);
			}
			catch (Exception e) {
				return new Answer<>(null, e);
			}
		}

		Mono<T> toMono() {
			return error == null ? Mono.just(value) : Mono.error(error);
		}
	}

	/** A call to Stripe's blocking client; returns what Stripe answered, never {@code null}. */
	@FunctionalInterface
	interface StripeCall<T> {
		T run() throws StripeException;
	}
}
