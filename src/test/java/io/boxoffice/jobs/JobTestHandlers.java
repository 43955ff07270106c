package io.boxoffice.jobs;

import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Handlers that only the jobs ITs' application context has. */
@TestConfiguration(proxyBeanMethods = false)
class JobTestHandlers {

	static final String RECORDED = "test.recorded";
	static final String FLAKY = "test.flaky";
	static final String ALWAYS_FAILS = "test.always-fails";
	static final String GIVES_UP = "test.gives-up";
	static final String NEVER_GIVES_UP = "test.never-gives-up";

	@Bean
	RecordingHandler recorded() {
		return RecordingHandler.succeeding(RECORDED);
	}

	@Bean
	RecordingHandler flaky() {
		return RecordingHandler.failingFirst(FLAKY, 2);
	}

	@Bean
	RecordingHandler alwaysFails() {
		return RecordingHandler.failingFirst(ALWAYS_FAILS, Integer.MAX_VALUE);
	}

	@Bean
	RecordingHandler givesUp() {
		return new RecordingHandler(GIVES_UP,
				job -> Mono.error(new PermanentJobFailure("PaymentIntent " + job.payload().path("paymentIntentId").asString() + " is already cancelled")));
	}

	/** Like a payment job: must not be given up, not even on a permanent failure. */
	@Bean
	JobHandler neverGivesUp() {
		return new JobHandler() {
			@Override
			public String kind() {
				return NEVER_GIVES_UP;
			}

			@Override
			public Mono<Void> handle(Job job) {
				return Mono.error(new PermanentJobFailure("the card network refuses (attempt " + job.attempts() + ")"));
			}

			@Override
			public boolean neverGivesUp() {
				return true;
			}
		};
	}
}
