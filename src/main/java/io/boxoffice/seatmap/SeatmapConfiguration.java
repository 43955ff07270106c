package io.boxoffice.seatmap;

import java.util.Map;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SeatmapSettings.class)
class SeatmapConfiguration {

	/** Ahead of the annotated controllers (order 0), which would otherwise answer 404 for the path. */
	@Bean
	HandlerMapping seatmapHandlerMapping(AvailabilitySocket socket) {
		return new SimpleUrlHandlerMapping(Map.of("/ws/events/*/availability", socket), -1);
	}
}
