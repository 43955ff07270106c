package io.boxoffice.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.boxoffice.support.services.FreePorts;

/**
 * A plain TCP forwarder on a loopback port, for cutting a client off from a server mid-stream:
 * {@link #cut()} closes every open connection and refuses new ones (the port stays reserved by
 * re-binding on {@link #restore()}), {@link #restore()} accepts again. Threads, not event loops:
 * this is test plumbing.
 */
public final class TcpProxy implements AutoCloseable {

	private final int port;
	private volatile String targetHost;
	private volatile int targetPort;
	private final Set<Socket> open = ConcurrentHashMap.newKeySet();
	private volatile ServerSocket server;

	private TcpProxy(int port, String targetHost, int targetPort) {
		this.port = port;
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	/**
	 * A proxy on a free loopback port, accepting at once. The port comes from {@link FreePorts}, outside the range
	 * the system hands to port-0 binds, since {@link #restore()} binds it again after every simulated outage.
	 */
	public static TcpProxy onFreePort(String targetHost, int targetPort) throws IOException {
		var proxy = new TcpProxy(FreePorts.next(), targetHost, targetPort);
		proxy.restore();
		return proxy;
	}

	/** Where new connections go (for a server that learns its port after the proxy's port is chosen). */
	public void forwardTo(String host, int port) {
		this.targetHost = host;
		this.targetPort = port;
	}

	public int port() {
		return port;
	}

	public String address() {
		return "127.0.0.1:" + port;
	}

	public synchronized void restore() throws IOException {
		if (server != null) {
			return;
		}
		var socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
		server = socket;
		Thread acceptor = new Thread(() -> accept(socket), "tcp-proxy-accept-" + port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/** Closes every connection and stops listening: clients see resets, then refused connections. */
	public synchronized void cut() throws IOException {
		if (server != null) {
			server.close();
			server = null;
		}
		for (Socket socket : open) {
			closeQuietly(socket);
		}
		open.clear();
	}

	private void accept(ServerSocket socket) {
		while (!socket.isClosed()) {
			try {
				Socket client = socket.accept();
				Socket upstream = new Socket(targetHost, targetPort);
				open.add(client);
				open.add(upstream);
				pump(client, upstream);
				pump(upstream, client);
			}
			catch (IOException closedOrRefused) {
				// cut() closed the listener, or the target is down: the client sees its connection drop.
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) != -1) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException closed) {
				// Either side closed or cut(): tear both down.
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
				open.remove(from);
				open.remove(to);
			}
		}, "tcp-proxy-pump-" + port);
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ignored) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		cut();
	}
}
