package io.boxoffice.support.stripe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events to the webhook endpoint as Stripe does: signed at each attempt, one at a time on a
 * thread of its own, retried with backoff until a 2xx or the last attempt. Test switches: deliver
 * each event twice, hold events and release them (in order or reversed).
 */
final class WebhookDelivery implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
	private static final int MAX_ATTEMPTS = 5;

	private final String secret;
	private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "fake-stripe-webhooks");
		thread.setDaemon(true);
		return thread;
	});
	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();
	private final List<FakeStripe.Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());

	// guarded by this
	private URI destination;
	private boolean twice;
	private boolean paused;
	private final List<FakeStripe.StripeEvent> held = new ArrayList<>();
	/** Bumped by reset, so that attempts scheduled before it are dropped. */
	private long generation;

	WebhookDelivery(String secret) {
		this.secret = secret;
	}

	synchronized void destination(URI destination) {
		this.destination = destination;
	}

	synchronized URI destination() {
		return destination;
	}

	synchronized void deliverTwice(boolean twice) {
		this.twice = twice;
	}

	synchronized void pause() {
		paused = true;
	}

	synchronized void resume(boolean reversed) {
		paused = false;
		var release = new ArrayList<>(held);
		held.clear();
		if (reversed) {
			Collections.reverse(release);
		}
		release.forEach(this::send);
	}

	/** Without a destination the event is only kept (in {@link FakeStripe#events()}), as with no endpoint registered. */
	synchronized void publish(FakeStripe.StripeEvent event) {
		if (destination == null) {
			return;
		}
		if (paused) {
			held.add(event);
		}
		else {
			send(event);
		}
	}

	List<FakeStripe.Delivery> deliveries() {
		synchronized (deliveries) {
			return List.copyOf(deliveries);
		}
	}

	synchronized void reset() {
		generation++;
		destination = null;
		twice = false;
		paused = false;
		held.clear();
		deliveries.clear();
	}

	@Override
	public void close() {
		sender.shutdownNow();
	}

	private void send(FakeStripe.StripeEvent event) {
		for (int copy = 0; copy < (twice ? 2 : 1); copy++) {
			schedule(event, destination, 1, generation, 0);
		}
	}

	private void schedule(FakeStripe.StripeEvent event, URI to, int attempt, long sentInGeneration, long delayMillis) {
		if (!sender.isShutdown()) {
			sender.schedule(() -> attempt(event, to, attempt, sentInGeneration), delayMillis, TimeUnit.MILLISECONDS);
		}
	}

	private void attempt(FakeStripe.StripeEvent event, URI to, int attempt, long sentInGeneration) {
		synchronized (this) {
			if (sentInGeneration != generation) {
				return;
			}
		}
		var request = HttpRequest.newBuilder(to)
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json; charset=utf-8")
			.header("User-Agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
			.header("Stripe-Signature", WebhookSignatures.header(secret, Instant.now().getEpochSecond(), event.payload()))
			.POST(HttpRequest.BodyPublishers.ofString(event.payload()))
			.build();
		int status;
		try {
			status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException e) {
			log.debug("Webhook {} to {} failed: {}", event.id(), to, e.toString());
			status = -1;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return;
		}
		synchronized (this) {
			if (sentInGeneration != generation) {
				return;
			}
			deliveries.add(new FakeStripe.Delivery(event.id(), event.type(), attempt, status));
		}
		if (status / 100 != 2) {
			if (attempt < MAX_ATTEMPTS) {
				schedule(event, to, attempt + 1, sentInGeneration, Math.min(2_000, 100L << (attempt - 1)));
			}
			else {
				log.warn("Gave up delivering webhook {} ({}) to {} after {} attempts, last status {}", event.id(), event.type(), to,
						attempt, status);
			}
		}
	}
}
