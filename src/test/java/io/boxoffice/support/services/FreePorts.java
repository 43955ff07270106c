package io.boxoffice.support.services;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the backing services: free on loopback, below the operating system's ephemeral range, and never
 * handed out twice in one JVM.
 *
 * <p>Why not {@code new ServerSocket(0)}: a service is told its port and binds it later, Elasticsearch 10–20 s
 * later. Meanwhile the in-JVM Kafka broker binds its listeners to port 0, and the operating system picks those from
 * the ephemeral range, where a port probed and released a moment ago is free again. Once, Kafka got the port
 * Elasticsearch had been given: Elasticsearch died with "Address already in use" and its start-up check spoke HTTP
 * to Kafka. Below the ephemeral range nothing the system assigns on its own can take a port we chose.
 */
public final class FreePorts {

	static final int LOWEST = 10_000;

	/** Linux's default start of the ephemeral range; macOS and Windows start higher. */
	private static final int DEFAULT_EPHEMERAL_START = 32_768;

	private static final int EPHEMERAL_START = readEphemeralRangeStart();

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private FreePorts() {
	}

	public static int next() {
		int below = EPHEMERAL_START;
		for (int attempt = 0; attempt < 1_000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
			if (HANDED_OUT.add(port) && isFree(port)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port on loopback between " + LOWEST + " and " + below);
	}

	/**
	 * A port whose cluster bus port ({@code port + 10000}, fixed in Redis 6.2, which has no {@code cluster-port}) is
	 * free too and below the ephemeral range as well.
	 */
	static int nextWithClusterBus() {
		int below = EPHEMERAL_START - CLUSTER_BUS_OFFSET;
		for (int attempt = 0; attempt < 1_000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
			if (HANDED_OUT.add(port) && HANDED_OUT.add(port + CLUSTER_BUS_OFFSET) && isFree(port) && isFree(port + CLUSTER_BUS_OFFSET)) {
				return port;
			}
		}
		throw new IllegalStateException("no free port pair on loopback between " + LOWEST + " and " + EPHEMERAL_START);
	}

	static final int CLUSTER_BUS_OFFSET = 10_000;

	/** Where the system starts picking ports on its own. */
	static int ephemeralRangeStart() {
		return EPHEMERAL_START;
	}

	/** {@code /proc/sys/net/ipv4/ip_local_port_range} on Linux, read once. */
	private static int readEphemeralRangeStart() {
		try {
			int start = Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+")[0]);
			return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
		}
		catch (IOException | RuntimeException notLinux) {
			return DEFAULT_EPHEMERAL_START;
		}
	}

	private static boolean isFree(int port) {
		try (var socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
			return true;
		}
		catch (IOException taken) {
			return false;
		}
	}
}
