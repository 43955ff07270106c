package io.boxoffice.edge.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxySettings.class)
class ProxyConfiguration {

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1) // right after the correlation id, before security and rate limits
	ClientAddresses clientAddresses(ProxySettings settings, Environment environment) {
		String strategy = environment.getProperty("server.forward-headers-strategy", "none");
		if (!"none".equalsIgnoreCase(strategy)) {
			throw new IllegalStateException("server.forward-headers-strategy=" + strategy + " believes forwarded headers from "
					+ "any client; leave it unset and list your proxies in boxoffice.edge.trusted-proxies (BOXOFFICE_EDGE_TRUSTED_PROXIES)");
		}
		return new ClientAddresses(settings.trusted());
	}
}
