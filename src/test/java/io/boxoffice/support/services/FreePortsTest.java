package io.boxoffice.support.services;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {

	/** A port the system could also hand to a port-0 bind (the in-JVM Kafka broker's) is never chosen. */
	@Test
	void portsLieBelowTheSystemsEphemeralRange() {
		int ephemeralStart = FreePorts.ephemeralRangeStart();
		for (int i = 0; i < 200; i++) {
			assertThat(FreePorts.next()).isBetween(FreePorts.LOWEST, ephemeralStart - 1);
		}
	}

	@Test
	void noPortIsHandedOutTwice() {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 500; i++) {
			assertThat(ports.add(FreePorts.next())).as("a repeated port").isTrue();
		}
	}

	@Test
	void aHandedOutPortCanBeBound() throws IOException {
		int port = FreePorts.next();
		try (var socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			assertThat(socket.getLocalPort()).isEqualTo(port);
		}
	}
}
