package io.boxoffice.edge.internal;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.server.ObservationWebFilterChainDecorator;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What Spring Security's chain costs every request besides its checks. The decorator is a private field with no
 * getter; reading it is the only way to see the wiring, and a rename in Spring Security fails this test loudly.
 */
@IntegrationTest
class SecurityChainWiringIT {

	@Autowired
	WebFilterChainProxy securityChain;

	@Test
	void filtersAreNotWrappedInObservationsNobodyExports() {
		assertThat(ReflectionTestUtils.getField(securityChain, "filterChainDecorator"))
			.isNotNull()
			.isNotInstanceOf(ObservationWebFilterChainDecorator.class);
	}
}
