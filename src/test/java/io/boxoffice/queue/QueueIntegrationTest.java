package io.boxoffice.queue;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

import io.boxoffice.support.IntegrationTest;

/**
 * {@link IntegrationTest} with a short claim window, so a lost turn can be seen without waiting two minutes. Only the
 * waiting-room tests use it: one more cached context, shared by all of them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@TestPropertySource(properties = "boxoffice.queue.claim-window=4s")
@interface QueueIntegrationTest {
}
