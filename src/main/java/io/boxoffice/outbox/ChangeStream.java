package io.boxoffice.outbox;

import java.util.Collection;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The Kafka change stream, for modules that consume it. The only implementation wraps reactor-kafka,
 * so that library (discontinued upstream) stays behind this one small interface.
 */
public interface ChangeStream {

	/**
	 * Records of the topics for a consumer group, in partition order. Acknowledge each once it is
	 * handled: offsets are committed for acknowledged records only (at-least-once).
	 */
	Flux<ReceivedChange> receive(String group, Collection<String> topics);

	/** How many records of the group's subscribed partitions are not yet committed (consumer lag). */
	Mono<Long> lag(String group);

	/** Sends one record and completes when the broker has acknowledged it. */
	Mono<Void> publish(String topic, String key, String value, Map<String, String> headers);
}
