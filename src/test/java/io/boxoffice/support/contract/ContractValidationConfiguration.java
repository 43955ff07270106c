package io.boxoffice.support.contract;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/** Puts {@link ContractValidation} on the {@code WebTestClient} every integration test gets injected. */
@TestConfiguration(proxyBeanMethods = false)
public class ContractValidationConfiguration {

	@Bean
	WebTestClientBuilderCustomizer contractValidation() {
		return builder -> builder.filter(new ContractValidation());
	}
}
