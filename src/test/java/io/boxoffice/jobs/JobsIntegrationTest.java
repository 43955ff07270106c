package io.boxoffice.jobs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import io.boxoffice.support.IntegrationTest;

/**
 * The application with the test handlers and quick retries (so that a retried job finishes in a
 * second), shared by the jobs ITs. Other tests' contexts have no handlers for the {@code test.*}
 * kinds, and a runner claims only the kinds it has handlers for, so they leave these jobs alone.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(JobTestHandlers.class)
@TestPropertySource(properties = {
		"boxoffice.jobs.poll-interval=100ms",
		"boxoffice.jobs.backoff-base=100ms",
		"boxoffice.jobs.backoff-max=400ms",
		"boxoffice.jobs.max-attempts=3",
		// Long, so that payment jobs other tests left behind do not spin here for the rest of the suite.
		"boxoffice.jobs.stuck-retry-interval=1m" })
@interface JobsIntegrationTest {
}
