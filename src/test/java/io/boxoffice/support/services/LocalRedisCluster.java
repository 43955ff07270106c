package io.boxoffice.support.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import redis.embedded.RedisServer;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of three masters (no replicas) from the same Redis 6.2 binary as {@link LocalRedis}, for the
 * tests that run with {@code BOXOFFICE_REDIS_MODE=cluster}. Each master gets a third of the 16384 slots
 * ({@code CLUSTER ADDSLOTS}), they are introduced to each other ({@code CLUSTER MEET}), and the start waits until
 * every node reports {@code cluster_state:ok}. Keyspace notifications are on on every node, as on the single Redis.
 */
final class LocalRedisCluster implements BackingService {

	static final int MASTERS = 3;

	private final List<RedisServer> nodes;
	private final List<Integer> ports;
	private final ProcessRecords records;

	private LocalRedisCluster(List<RedisServer> nodes, List<Integer> ports, ProcessRecords records) {
		this.nodes = nodes;
		this.ports = ports;
		this.records = records;
	}

	static LocalRedisCluster start(Path home, ProcessRecords records) throws IOException {
		var nodes = new ArrayList<RedisServer>();
		var ports = new ArrayList<Integer>();
		try {
			for (int node = 0; node < MASTERS; node++) {
				int port = FreePorts.nextWithClusterBus();
				Path nodeHome = home.resolve("node-" + node);
				nodes.add(LocalRedis.startServer(nodeHome, port, records, recordName(node), "cluster-enabled yes",
						"cluster-config-file " + nodeHome.toAbsolutePath().resolve("nodes.conf"), "cluster-node-timeout 5000"));
				ports.add(port);
			}
			form(ports);
		}
		catch (IOException | RuntimeException failure) {
			new LocalRedisCluster(nodes, ports, records).stop();
			throw failure;
		}
		return new LocalRedisCluster(nodes, ports, records);
	}

	/** Slots split in three contiguous ranges, one per master; then every node meets the first. */
	private static void form(List<Integer> ports) {
		RedisClient client = RedisClient.create();
		try {
			int perMaster = SlotHash.SLOT_COUNT / MASTERS;
			for (int node = 0; node < MASTERS; node++) {
				int first = node * perMaster;
				int last = node == MASTERS - 1 ? SlotHash.SLOT_COUNT : first + perMaster;
				try (StatefulRedisConnection<String, String> connection = client.connect(address(ports.get(node)))) {
					connection.sync().clusterAddSlots(IntStream.range(first, last).toArray());
					if (node > 0) {
						connection.sync().clusterMeet("127.0.0.1", ports.get(0));
					}
				}
			}
			await("the Redis Cluster to agree on its slots").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
				.until(() -> ports.stream().allMatch(port -> isOk(client, port)));
		}
		finally {
			client.shutdown();
		}
	}

	private static boolean isOk(RedisClient client, int port) {
		try (StatefulRedisConnection<String, String> connection = client.connect(address(port))) {
			String info = connection.sync().clusterInfo();
			return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + MASTERS);
		}
	}

	private static RedisURI address(int port) {
		return RedisURI.create("127.0.0.1", port);
	}

	private static String recordName(int node) {
		return "redis-cluster-" + node;
	}

	@Override
	public String name() {
		return "Redis Cluster";
	}

	@Override
	public String address() {
		return nodesProperty();
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.cluster.nodes", nodesProperty());
	}

	private String nodesProperty() {
		return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	@Override
	public void stop() {
		IOException failure = null;
		for (int node = 0; node < nodes.size(); node++) {
			try {
				nodes.get(node).stop();
				records.forget(recordName(node));
			}
			catch (IOException e) {
				failure = e;
			}
		}
		if (failure != null) {
			throw new UncheckedIOException(failure);
		}
	}
}
