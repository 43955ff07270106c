package io.boxoffice.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;

import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.services.BackingServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

/**
 * The platform on a real three-master Redis Cluster ({@code BOXOFFICE_REDIS_MODE=cluster}; skipped on a single
 * Redis): keyspace notifications arrive from every master, and scripts run on whichever master holds their keys.
 */
@IntegrationTest
class RedisClusterIT {

	@Autowired
	KeyspaceEvents notifications;

	@Autowired
	RedisConnections connections;

	@Autowired
	RedisScripts scripts;

	@BeforeEach
	void onlyOnACluster() {
		assumeTrue(BackingServices.redisCluster(), "runs with BOXOFFICE_REDIS_MODE=cluster (docs/redis.md)");
	}

	@Test
	void keyspaceNotificationsArriveFromEveryMaster() {
		StatefulRedisClusterConnection<String, String> cluster = connection();
		try {
			Map<String, String> keyPerMaster = keyOnEachMaster(cluster);
			assertThat(keyPerMaster).as("the local cluster has three masters").hasSize(3);
			Set<String> notified = ConcurrentHashMap.newKeySet();
			Flux<KeyspaceEvents.Notification> events = notifications.receiveLater("clustertest:{*}")
				.block(Duration.ofSeconds(10));
			Disposable listening = events.filter(event -> "xadd".equals(event.event()))
				.subscribe(event -> notified.add(event.key()));
			try {
				keyPerMaster.values().forEach(key -> cluster.sync().xadd(key, Map.of("test", "1")));

				await().atMost(Duration.ofSeconds(10)).untilAsserted(
						() -> assertThat(notified).containsExactlyInAnyOrderElementsOf(keyPerMaster.values()));
			}
			finally {
				listening.dispose();
				cluster.sync().del(keyPerMaster.values().toArray(String[]::new));
			}
		}
		finally {
			cluster.close();
		}
	}

	@Test
	void scriptsRunOnTheMasterOfTheirKeysWhichLoadsThemOnFirstUse() {
		StatefulRedisClusterConnection<String, String> cluster = connection();
		try {
			Map<String, String> keyPerMaster = keyOnEachMaster(cluster);
			// A script no master has seen: every master answers NOSCRIPT first, then runs it by its source.
			var script = new RedisScript("test", "return redis.call('INCR', KEYS[1]) -- " + ThreadLocalRandom.current().nextLong());
			List<Long> answers = new ArrayList<>();
			for (String key : keyPerMaster.values()) {
				answers.add(scripts.<Long>run(script, io.lettuce.core.ScriptOutputType.INTEGER, List.of(key), List.of())
					.block(Duration.ofSeconds(10)));
				answers.add(scripts.<Long>run(script, io.lettuce.core.ScriptOutputType.INTEGER, List.of(key), List.of())
					.block(Duration.ofSeconds(10)));
			}
			assertThat(answers).containsExactly(1L, 2L, 1L, 2L, 1L, 2L);
			cluster.sync().del(keyPerMaster.values().toArray(String[]::new));
		}
		finally {
			cluster.close();
		}
	}

	private StatefulRedisClusterConnection<String, String> connection() {
		return connections.connect(StringCodec.UTF8, standalone -> {
			standalone.close();
			throw new IllegalStateException("not a cluster");
		}, clustered -> clustered);
	}

	/** Master node id → a key whose hash tag puts it on that master. */
	private static Map<String, String> keyOnEachMaster(StatefulRedisClusterConnection<String, String> cluster) {
		Map<String, String> keys = new ConcurrentHashMap<>();
		long first = ThreadLocalRandom.current().nextLong(1_000_000_000L);
		for (long id = first; keys.size() < 3 && id < first + 10_000; id++) {
			String key = "clustertest:{" + id + "}";
			RedisClusterNode master = cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
			keys.putIfAbsent(master.getNodeId(), key);
		}
		return keys;
	}
}
