package io.boxoffice.edge.internal;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Hibernate Validator reads its message bundles from the classpath the first time a constraint with a default
 * message fails. In a request that read would block an event loop (BlockHound says so), so it happens once here,
 * at startup, instead. WebFlux validates with the same validator, hence the same cached bundles.
 */
@Component
class ValidationMessagesWarmUp implements SmartInitializingSingleton {

	private final Validator validator;

	ValidationMessagesWarmUp(Validator validator) {
		this.validator = validator;
	}

	record Probe(@NotNull String value) {
	}

	@Override
	public void afterSingletonsInstantiated() {
		validator.validate(new Probe(null));
	}
}
