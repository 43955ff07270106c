package io.boxoffice.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.lettuce.core.resource.ClientResources;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.client.ReactorResourceFactory;

import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The Redis connections on the HTTP server's event loops, against the real Redis. */
@IntegrationTest
class EventLoopRedisIT {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	EventLoopRedis redis;

	@Autowired
	ReactorResourceFactory netty;

	@Autowired
	LettuceConnectionFactory shared;

	@Autowired
	ClientResources lettuce;

	@Autowired
	ReactiveStringRedisTemplate template;

	@Test
	void aRequestsCommandIsAnsweredOnTheRequestsOwnEventLoop() {
		List<EventLoop> loops = serverLoops();
		assertThat(loops).as("the server's event loops").hasSizeGreaterThan(1);
		for (EventLoop loop : loops) {
			Thread answeredOn = answerThread(redis, loop);

			assertThat(loop.inEventLoop(answeredOn)).as("answered on %s, asked from %s", answeredOn.getName(), loop).isTrue();
		}
	}

	@Test
	void aCommandOffARequestIsAnsweredOnAParallelThread() {
		Thread answeredOn = redis.call(commands -> commands.ping()).map(pong -> Thread.currentThread()).block(WAIT);

		assertThat(answeredOn.getName()).startsWith("parallel-");
	}

	@Test
	void connectionsOpenOnFirstUseOnePerEventLoopWithTheSharedSettings() {
		String name = "loops-" + UUID.randomUUID().toString().substring(0, 8);
		var connections = new EventLoopRedis(netty, factory(host(), port(), name));
		try {
			assertThat(connections.openConnections()).as("before any command").isZero();
			assertThat(clientsNamed(name)).isZero();

			List<EventLoop> loops = serverLoops();
			for (int round = 0; round < 3; round++) {
				answerThread(connections, loops.get(0));
				answerThread(connections, loops.get(1));
			}

			assertThat(connections.openConnections()).isEqualTo(2);
			assertThat(clientsNamed(name)).as("Redis clients with the configured name").isEqualTo(2);
		}
		finally {
			connections.destroy();
		}
		// Redis drops a client when it reads the close, just after the client's side is closed.
		await().atMost(WAIT).until(() -> clientsNamed(name) == 0);
		assertThat(lettuce.eventExecutorGroup().isShuttingDown()).as("the shared Lettuce executors, after closing").isFalse();
		assertThat(serverLoops()).as("the server's loops, after closing").noneMatch(EventLoop::isShuttingDown);
	}

	@Test
	void aFailedOpenIsASpringDataConnectionFailureAndTheNextCommandOpensAgain() throws Exception {
		try (TcpProxy proxy = TcpProxy.onFreePort(host(), port())) {
			var connections = new EventLoopRedis(netty, factory("127.0.0.1", proxy.port(), null));
			try {
				proxy.cut();
				EventLoop loop = serverLoops().get(0);
				assertThatThrownBy(() -> answerThread(connections, loop)).isInstanceOf(RedisConnectionFailureException.class);

				proxy.restore();

				assertThat(loop.inEventLoop(answerThread(connections, loop))).isTrue();
				assertThat(connections.openConnections()).isEqualTo(1);
			}
			finally {
				connections.destroy();
			}
		}
	}

	@Test
	void sentinelSetUpsStartAndAskTheSentinelsOnFirstUse() {
		// Port 1: nothing listens, so the first command is what finds out, as with a standalone Redis that is down.
		var sentinel = new LettuceConnectionFactory(new RedisSentinelConfiguration("primary", Set.of("127.0.0.1:1")),
				LettuceClientConfiguration.builder().clientResources(lettuce).build());
		var connections = new EventLoopRedis(netty, sentinel);
		try {
			assertThat(connections.openConnections()).isZero();
			assertThatThrownBy(() -> connections.call(commands -> commands.ping()).block(Duration.ofSeconds(10)))
				.isInstanceOf(RedisConnectionFailureException.class);
		}
		finally {
			connections.destroy();
		}
	}

	private static Thread answerThread(EventLoopRedis connections, EventLoop loop) {
		return connections.call(commands -> commands.ping())
			.map(pong -> Thread.currentThread())
			.contextWrite(context -> RequestEventLoop.mark(context, loop))
			.block(WAIT);
	}

	private List<EventLoop> serverLoops() {
		List<EventLoop> loops = new ArrayList<>();
		for (EventExecutor executor : netty.getLoopResources().onServer(true)) {
			loops.add((EventLoop) executor);
		}
		return loops;
	}

	private LettuceConnectionFactory factory(String host, int port, String clientName) {
		var client = LettuceClientConfiguration.builder().clientResources(lettuce).commandTimeout(Duration.ofSeconds(2));
		if (clientName != null) {
			client.clientName(clientName);
		}
		return new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port), client.build());
	}

	private long clientsNamed(String name) {
		return template.execute(connection -> connection.serverCommands().getClientList())
			.filter(client -> name.equals(client.getName())).count().block(WAIT);
	}

	private String host() {
		return shared.getStandaloneConfiguration().getHostName();
	}

	private int port() {
		return shared.getStandaloneConfiguration().getPort();
	}
}
