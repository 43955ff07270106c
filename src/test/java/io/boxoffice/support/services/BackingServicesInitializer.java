package io.boxoffice.support.services;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Points a Spring context at the backing services, starting them on first use in this JVM. The
 * properties rank below the environment and system properties (which may point at existing
 * infrastructure) and above {@code application.yml}'s production defaults.
 */
public class BackingServicesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private final BackingServices.Mode mode;

	public BackingServicesInitializer() {
		this(BackingServices.Mode.TEST);
	}

	public BackingServicesInitializer(BackingServices.Mode mode) {
		this.mode = mode;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		var services = BackingServices.start(mode);
		var sources = context.getEnvironment().getPropertySources();
		var backing = new MapPropertySource("backingServices", services.properties());
		if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, backing);
		}
		else {
			sources.addLast(backing);
		}
	}
}
