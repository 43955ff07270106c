package io.boxoffice.support.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

final class FreePorts {

	private FreePorts() {
	}

	/** A port free on loopback right now; the service binds it a moment later. */
	static int next() {
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException("no free port on loopback", e);
		}
	}
}
