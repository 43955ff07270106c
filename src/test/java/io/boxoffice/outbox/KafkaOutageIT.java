package io.boxoffice.outbox;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.boxoffice.outbox.OutboxRelayIT.OutboxRows;
import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TcpProxy;
import io.boxoffice.support.services.BackingServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka goes away mid-stream and comes back. This context has a broker of its own that advertises a
 * {@link TcpProxy} as its address (so every client connection, after bootstrap too, passes the proxy),
 * and a database of its own (so its relay is the leader there and no other test context's relay takes
 * its rows).
 */
@IntegrationTest
@DirtiesContext
class KafkaOutageIT {

	static EmbeddedKafkaKraftBroker broker;
	static TcpProxy proxy;

	@Autowired
	DatabaseClient db;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void ownBrokerBehindAProxyAndOwnDatabase(DynamicPropertyRegistry registry) throws Exception {
		proxy = TcpProxy.onFreePort("127.0.0.1", 1);
		broker = new EmbeddedKafkaKraftBroker(1, 3);
		// Clients learn broker addresses from metadata, so the broker must name the proxy as its address.
		broker.brokerProperty("advertised.listeners", "EXTERNAL://" + proxy.address());
		broker.brokerProperty("auto.create.topics.enable", "true");
		broker.afterPropertiesSet();
		String listening = broker.getBrokersAsString();
		System.out.println("KafkaOutageIT: broker " + listening + " behind proxy " + proxy.address());
		if (listening.equals(proxy.address())) {
			throw new IllegalStateException("The broker reports the proxy's address; cannot find its real port");
		}
		proxy.forwardTo(listening.substring(0, listening.lastIndexOf(':')), Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1)));

		Map<String, Object> shared = BackingServices.start(BackingServices.Mode.TEST).properties();
		String database = "outage_" + UUID.randomUUID().toString().substring(0, 8);
		String jdbc = (String) shared.get("spring.flyway.url");
		try (var connection = DriverManager.getConnection(jdbc, (String) shared.get("spring.flyway.user"),
				(String) shared.get("spring.flyway.password"))) {
			connection.createStatement().execute("CREATE DATABASE " + database);
		}
		String r2dbc = (String) shared.get("spring.r2dbc.url");
		registry.add("spring.flyway.url", () -> jdbc.substring(0, jdbc.lastIndexOf('/') + 1) + database);
		registry.add("spring.r2dbc.url", () -> r2dbc.substring(0, r2dbc.lastIndexOf('/') + 1) + database);
		registry.add("boxoffice.kafka.bootstrap-servers", proxy::address);
		registry.add("boxoffice.search.indexer-enabled", () -> "false");
		registry.add("boxoffice.outbox.backoff-max", () -> "2s");
	}

	@AfterAll
	static void stopBrokerAndProxy() throws Exception {
		proxy.close();
		broker.destroy();
	}

	@Test
	void rowsWrittenWhileKafkaIsUnreachableArriveAfterwardsWithNothingLostAndPerKeyOrderKept() throws Exception {
		String topic = "test.outage-" + UUID.randomUUID();
		List<String> keys = List.of("201", "202", "203", "204");
		OutboxRows rows = new OutboxRows(db);
		for (int sequence = 1; sequence <= 3; sequence++) {
			for (String key : keys) {
				rows.append(topic, key, sequence);
			}
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> rows.remaining(topic) == 0);

		double errorsBefore = meters.counter("boxoffice.outbox.relay.errors").count();
		proxy.cut();
		for (int sequence = 4; sequence <= 20; sequence++) {
			for (String key : keys) {
				rows.append(topic, key, sequence);
			}
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> meters.counter("boxoffice.outbox.relay.errors").count() > errorsBefore);
		assertThat(rows.remaining(topic)).as("rows stay while Kafka is unreachable").isEqualTo(17L * keys.size());

		proxy.restore();
		await().atMost(Duration.ofSeconds(60)).until(() -> rows.remaining(topic) == 0);

		var received = OutboxRows.consume(proxy.address(), topic, 20 * keys.size(), Duration.ofSeconds(30));
		var sequencesByKey = OutboxRows.sequencesByKey(received);
		List<Integer> all = IntStream.rangeClosed(1, 20).boxed().toList();
		assertThat(sequencesByKey).containsOnlyKeys(keys).allSatisfy((key, sequences) -> {
			// At-least-once: a batch cut off mid-send is sent again whole, so repeats are allowed, but the
			// first arrival of every change is in order and none is missing.
			assertThat(new ArrayList<>(new LinkedHashSet<>(sequences))).as("key %s received %s", key, sequences).isEqualTo(all);
		});
	}
}
