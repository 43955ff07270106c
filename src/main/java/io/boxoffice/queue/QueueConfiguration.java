package io.boxoffice.queue;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueueSettings.class)
class QueueConfiguration {

	/** Ahead of the annotated controllers (order 0), which would otherwise answer 404 for the path. */
	@Bean
	HandlerMapping queueHandlerMapping(QueueSocket socket) {
		return new SimpleUrlHandlerMapping(Map.of("/ws/queue/*", socket), -1);
	}

	@Bean
	AdmissionTokens admissionTokens(QueueSettings settings, @Value("${boxoffice.security.jwt-secret:}") String loginTokenSecret) {
		return AdmissionTokens.fromSecrets(settings.tokenSecret(), loginTokenSecret);
	}
}
