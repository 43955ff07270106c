package io.boxoffice.holds;

import io.boxoffice.support.MutableClock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import io.boxoffice.support.IntegrationTest;

/**
 * {@link IntegrationTest} with a {@link MutableClock} as the application's clock (tokens, on-sale checks and the
 * sweeper's choice of due events read it; whether a hold has expired is Redis's time, see {@link HoldScripts}) and
 * small hold limits, so that limits are reached with the fixture's 10 sellable seats. Only the holds tests use it: one more cached context, shared by all of them.
 * Tests that move the clock put it back afterwards.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(HoldsIntegrationTest.TestClock.class)
@TestPropertySource(properties = { "boxoffice.holds.max-seats-per-hold=4", "boxoffice.holds.max-seats-per-user-per-event=6" })
@interface HoldsIntegrationTest {

	@TestConfiguration(proxyBeanMethods = false)
	class TestClock {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock();
		}
	}
}
