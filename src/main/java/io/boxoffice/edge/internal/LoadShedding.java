package io.boxoffice.edge.internal;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.AbstractLimiter;

import io.boxoffice.edge.ProblemTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sheds what this instance cannot serve in time: a request over the adaptive concurrency limit (and over its
 * partition's guaranteed share of it) is answered at once with 503 {@code /problems/overloaded} and a jittered
 * {@code Retry-After}, before security, rate limits or any handler spend work on it. The latency of every request let
 * through feeds the limit; a request that ended in a backend timeout counts as a drop, which lowers it.
 */
class LoadShedding implements WebFilter {

	private final AbstractLimiter<ShedPartition> limiter;
	private final SheddingSettings settings;
	private final ProblemWriter writer;
	private final CheckoutSheds checkout;
	private final Map<ShedPartition, AtomicInteger> inFlight = new EnumMap<>(ShedPartition.class);
	private final Map<ShedPartition, Counter> rejected = new EnumMap<>(ShedPartition.class);

	LoadShedding(AbstractLimiter<ShedPartition> limiter, SheddingSettings settings, ProblemWriter writer,
			CheckoutSheds checkout, MeterRegistry meters) {
		this.limiter = limiter;
		this.settings = settings;
		this.writer = writer;
		this.checkout = checkout;
		Gauge.builder("boxoffice.shedding.limit", limiter, AbstractLimiter::getLimit)
			.description("Requests this instance lets run at once before it sheds")
			.register(meters);
		for (ShedPartition partition : ShedPartition.values()) {
			AtomicInteger running = new AtomicInteger();
			inFlight.put(partition, running);
			Gauge.builder("boxoffice.shedding.in_flight", running, AtomicInteger::get)
				.tag("partition", partition.key())
				.description("Requests of this partition running now")
				.register(meters);
			rejected.put(partition, Counter.builder("boxoffice.shedding.rejected")
				.tag("partition", partition.key())
				.description("Requests answered 503 overloaded by the concurrency limit")
				.register(meters));
		}
	}

	/** A constant: WebFlux's filter chain names a checkpoint with it on every request. */
	@Override
	public String toString() {
		return "LoadShedding";
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ShedPartition partition = ShedPartition.of(exchange.getRequest());
		if (partition == null) {
			return chain.filter(exchange);
		}
		return Mono.defer(() -> {
			Optional<Limiter.Listener> listener = limiter.acquire(partition);
			if (listener.isEmpty()) {
				return shed(exchange, partition);
			}
			if (partition == ShedPartition.CHECKOUT) {
				checkout.passed();
			}
			var running = new Running(listener.get(), inFlight.get(partition));
			return chain.filter(exchange)
				.doOnSuccess(done -> {
					// A handler that answered 503 met a backend that could not keep up: tell the limit, as for a drop.
					if (exchange.getResponse().getStatusCode() == HttpStatus.SERVICE_UNAVAILABLE) {
						running.dropped();
					}
					else {
						running.succeeded();
					}
				})
				.doOnError(failure -> {
					if (BackendUnavailable.matches(failure)) {
						running.dropped();
					}
					else {
						running.ignored();
					}
				})
				.doOnCancel(running::ignored);
		});
	}

	private Mono<Void> shed(ServerWebExchange exchange, ShedPartition partition) {
		rejected.get(partition).increment();
		if (partition == ShedPartition.CHECKOUT) {
			checkout.shed();
		}
		long retryAfter = ThreadLocalRandom.current()
			.nextLong(settings.retryAfterMin().toSeconds(), settings.retryAfterMax().toSeconds() + 1);
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		ProblemDetail problem = ProblemWriter.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.OVERLOADED,
				"Service busy", "The service is at capacity right now; retry in " + retryAfter + " s");
		problem.setProperty("retryAfterSeconds", retryAfter);
		return writer.write(exchange, problem);
	}

	/** One admitted request: releases its place in the limit exactly once, however the exchange ends. */
	private static final class Running {

		private final Limiter.Listener listener;
		private final AtomicInteger partitionInFlight;
		private final AtomicBoolean released = new AtomicBoolean();

		Running(Limiter.Listener listener, AtomicInteger partitionInFlight) {
			this.listener = listener;
			this.partitionInFlight = partitionInFlight;
			partitionInFlight.incrementAndGet();
		}

		void succeeded() {
			if (release()) {
				listener.onSuccess();
			}
		}

		void dropped() {
			if (release()) {
				listener.onDropped();
			}
		}

		/** Cancelled or failed for a reason that says nothing about load: no latency sample. */
		void ignored() {
			if (release()) {
				listener.onIgnore();
			}
		}

		private boolean release() {
			if (released.compareAndSet(false, true)) {
				partitionInFlight.decrementAndGet();
				return true;
			}
			return false;
		}
	}
}
