package io.boxoffice.outbox.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deliveryTimeout how long the producer keeps retrying one record before the relay sees an
 * error and rolls its batch back (the rows stay and are sent again)
 */
@ConfigurationProperties("boxoffice.kafka")
record KafkaSettings(String bootstrapServers, @DefaultValue("3s") Duration requestTimeout,
		@DefaultValue("10s") Duration deliveryTimeout) {
}
