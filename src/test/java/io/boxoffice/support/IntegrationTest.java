package io.boxoffice.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import io.boxoffice.support.contract.ContractValidationConfiguration;
import io.boxoffice.support.services.BackingServicesInitializer;

/**
 * The application on a random port, talking to the real PostgreSQL, Redis, Kafka and Elasticsearch
 * that {@link BackingServicesInitializer} starts once for the whole test JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Generous: the first request of a cold JVM shares two cores with freshly started servers.
@AutoConfigureWebTestClient(timeout = "30s")
@ContextConfiguration(initializers = BackingServicesInitializer.class)
// Every exchange of the injected WebTestClient is checked against the served OpenAPI document.
@Import({ TestTokens.class, FailingRoute.class, ContractValidationConfiguration.class })
// Tests read what they just changed; the one-second memory of rendered event views is tested on its own.
@TestPropertySource(properties = "boxoffice.catalog.view-local-ttl=0s")
public @interface IntegrationTest {
}
