package io.boxoffice;

import java.time.Duration;

import io.lettuce.core.resource.ClientResources;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.ReactiveRedisConnection;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.http.client.ReactorResourceFactory;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lettuce client resources the application runs with: what every Redis command costs besides its round trip. */
@IntegrationTest
class RedisClientResourcesIT {

	@Autowired
	ClientResources lettuce;

	@Autowired
	HashedWheelTimer redisCommandTimeouts;

	@Autowired
	ReactiveRedisConnectionFactory redis;

	@Autowired
	ReactorResourceFactory netty;

	@Test
	void commandTimeoutsRunOnTheFineTimerSoFinishedRequestsAreNotKeptAlive() {
		assertThat(lettuce.timer()).isSameAs(redisCommandTimeouts);
	}

	@Test
	void commandsAreNotWrappedForTheObservationThatIsOff() {
		assertThat(lettuce.tracing().isEnabled()).isFalse();
	}

	/** Where a request goes on after Redis answers it: one of the server's own loops, not a thread of Lettuce's. */
	@Test
	void repliesArriveOnTheHttpServersEventLoops() throws Exception {
		Thread replyThread;
		try (ReactiveRedisConnection connection = redis.getReactiveConnection()) {
			replyThread = connection.ping().map(pong -> Thread.currentThread()).block(Duration.ofSeconds(10));
		}
		EventLoopGroup serverLoops = netty.getLoopResources().onServer(true);
		assertThat(serverLoops).as("the server's event loops").anyMatch(loop -> loop.inEventLoop(replyThread));
	}
}
