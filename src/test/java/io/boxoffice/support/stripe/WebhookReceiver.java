package io.boxoffice.support.stripe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint for tests: records each request's exact body and {@code Stripe-Signature}, and
 * answers 200, or 500 to the first requests when told to (to see Stripe's retries).
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;
	private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
		var thread = new Thread(runnable, "webhook-receiver");
		thread.setDaemon(true);
		return thread;
	});
	private final List<Received> received = new ArrayList<>();
	private final AtomicInteger failuresLeft = new AtomicInteger();

	private WebhookReceiver(HttpServer server) {
		this.server = server;
	}

	public static WebhookReceiver start() {
		try {
			var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
			var receiver = new WebhookReceiver(server);
			server.createContext("/webhook", exchange -> {
				try (exchange) {
					String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
					boolean fail = receiver.failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
					synchronized (receiver.received) {
						receiver.received.add(new Received(body, exchange.getRequestHeaders().getFirst("Stripe-Signature"), fail ? 500 : 200));
					}
					exchange.sendResponseHeaders(fail ? 500 : 200, -1);
				}
			});
			server.setExecutor(receiver.thread);
			server.start();
			return receiver;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhook");
	}

	/** Answers the next {@code count} requests with 500. */
	public void failNext(int count) {
		failuresLeft.set(count);
	}

	/** Every request so far, in arrival order, failed ones included. */
	public List<Received> received() {
		synchronized (received) {
			return List.copyOf(received);
		}
	}

	/** The requests answered 200. */
	public List<Received> accepted() {
		return received().stream().filter(r -> r.status() == 200).toList();
	}

	@Override
	public void close() {
		server.stop(0);
		thread.shutdownNow();
	}

	public record Received(String payload, String signature, int status) {
	}
}
