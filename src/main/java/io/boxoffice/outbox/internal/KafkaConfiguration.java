package io.boxoffice.outbox.internal;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ KafkaSettings.class, OutboxSettings.class })
class KafkaConfiguration {

	@Bean(destroyMethod = "close")
	Admin kafkaAdmin(KafkaSettings settings) {
		int timeout = (int) settings.requestTimeout().toMillis();
		return Admin.create(Map.of(
				AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
				AdminClientConfig.CLIENT_ID_CONFIG, "boxoffice-admin",
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout));
	}
}
