package io.boxoffice.demo;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness ({@code demoData}): where {@code boxoffice.demo.await-data} is on (the demo run command), the
 * instance is out of service until {@link DemoDataset} has loaded the demo data or found it present, so nothing
 * sends it visitors who would see an empty catalog. Everywhere else it is simply up.
 */
@Component("demoData")
public class DemoDataReadiness implements HealthIndicator {

	private volatile boolean waiting;

	DemoDataReadiness(@Value("${boxoffice.demo.await-data:false}") boolean awaitData) {
		this.waiting = awaitData;
	}

	void dataPresent() {
		waiting = false;
	}

	@Override
	public Health health() {
		return waiting ? Health.outOfService().withDetail("reason", "loading the demo data").build() : Health.up().build();
	}
}
