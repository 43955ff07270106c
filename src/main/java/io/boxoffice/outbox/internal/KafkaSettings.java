package io.boxoffice.outbox.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

@ConfigurationProperties("boxoffice.kafka")
record KafkaSettings(String bootstrapServers, @DefaultValue("3s") Duration requestTimeout) {
}
