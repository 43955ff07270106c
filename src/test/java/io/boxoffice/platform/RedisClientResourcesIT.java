package io.boxoffice.platform;

import io.lettuce.core.resource.ClientResources;
import io.netty.util.HashedWheelTimer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lettuce client resources the application runs with: what every Redis command costs besides its round trip. */
@IntegrationTest
class RedisClientResourcesIT {

	@Autowired
	ClientResources lettuce;

	@Autowired
	HashedWheelTimer redisCommandTimeouts;

	@Test
	void commandTimeoutsRunOnTheFineTimerSoFinishedRequestsAreNotKeptAlive() {
		assertThat(lettuce.timer()).isSameAs(redisCommandTimeouts);
	}

	@Test
	void commandsAreNotWrappedForTheObservationThatIsOff() {
		assertThat(lettuce.tracing().isEnabled()).isFalse();
	}
}
