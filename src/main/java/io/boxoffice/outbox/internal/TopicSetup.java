package io.boxoffice.outbox.internal;

import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.stereotype.Component;

/** Creates the change-stream topics if missing (broker defaults for partitions and replication). */
@Component
class TopicSetup {

	private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);

	private final Admin admin;
	private final OutboxSettings settings;

	TopicSetup(Admin admin, OutboxSettings settings) {
		this.admin = admin;
		this.settings = settings;
	}

	/** Completes once every topic exists; retries while Kafka is unreachable. */
	Mono<Void> ensure() {
		return Flux.fromIterable(settings.topics())
			.concatMap(topic -> Mono.fromCompletionStage(() -> admin
					.createTopics(java.util.List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
					.all().toCompletionStage())
				.doOnSuccess(done -> log.info("Created Kafka topic {}", topic))
				.onErrorResume(error -> error instanceof TopicExistsException
						|| error.getCause() instanceof TopicExistsException, error -> Mono.empty()))
			.then()
			.retryWhen(Retry.backoff(Long.MAX_VALUE, settings.backoffBase()).maxBackoff(settings.backoffMax())
				.doBeforeRetry(signal -> log.warn("Could not create the Kafka topics yet: {}", signal.failure().toString())));
	}
}
