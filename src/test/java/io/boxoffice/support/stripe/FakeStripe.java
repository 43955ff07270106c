package io.boxoffice.support.stripe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A local stand-in for Stripe's HTTP API, inside the JVM on a free loopback port, speaking enough of
 * Stripe's wire protocol for the real stripe-java client: PaymentIntents (create, retrieve, confirm,
 * capture, cancel), refunds, idempotency keys, Stripe's error envelopes and its test payment methods
 * ({@code pm_card_visa}, {@code pm_card_chargeDeclined}, {@code pm_card_chargeDeclinedInsufficientFunds},
 * {@code pm_card_threeDSecure2Required}). Every state change becomes a signed webhook event, sent to
 * {@link #deliverWebhooksTo(URI)} once that is set.
 *
 * <p>Fake-only: {@code POST /_fake/payment_intents/{id}/authenticate} with {@code outcome=succeed|fail}
 * completes 3-D Secure as the buyer's bank would (also {@link #authenticate(String, boolean)}).
 *
 * <p>The backing services start one per JVM ({@link #running()}) for the tests and the demo.
 */
public final class FakeStripe implements AutoCloseable {

	private static volatile FakeStripe running;

	private final HttpServer server;
	private final ExecutorService threads;
	private final String secretKey;
	private final String webhookSecret;
	private final FakePaymentIntents intents;
	private final StripeApi api;
	private final WebhookDelivery webhooks;
	private final List<StripeEvent> events = Collections.synchronizedList(new ArrayList<>());

	private FakeStripe() throws IOException {
		this.secretKey = "sk_test_fake_" + FakePaymentIntents.randomString(24);
		this.webhookSecret = "whsec_fake_" + FakePaymentIntents.randomString(32);
		this.webhooks = new WebhookDelivery(webhookSecret);
		this.intents = new FakePaymentIntents(this::publish);
		this.api = new StripeApi(secretKey, intents);
		var count = new AtomicInteger();
		this.threads = Executors.newFixedThreadPool(16, runnable -> {
			var thread = new Thread(runnable, "fake-stripe-http-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		server.createContext("/", api);
		server.setExecutor(threads);
		server.start();
	}

	/** A new fake of its own (e.g. for a test that must not share one). */
	public static FakeStripe start() {
		try {
			return new FakeStripe();
		}
		catch (IOException e) {
			throw new UncheckedIOException("could not start the fake Stripe", e);
		}
	}

	/** Starts the fake the backing services share for this JVM, or returns it. */
	public static synchronized FakeStripe startShared() {
		if (running == null) {
			running = start();
		}
		return running;
	}

	/**
	 * The fake the backing services started for this JVM.
	 *
	 * @throws IllegalStateException when there is none (e.g. {@code BOXOFFICE_STRIPE_API_BASE} points at a real Stripe)
	 */
	public static FakeStripe running() {
		FakeStripe fake = running;
		if (fake == null) {
			throw new IllegalStateException("No fake Stripe runs in this JVM: boxoffice.stripe.api-base is configured, "
					+ "or the backing services have not started");
		}
		return fake;
	}

	public static boolean isRunning() {
		return running != null;
	}

	public URI apiBase() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	public String secretKey() {
		return secretKey;
	}

	public String webhookSecret() {
		return webhookSecret;
	}

	/** The application's properties that point it at this fake. */
	public Map<String, Object> properties() {
		var properties = new LinkedHashMap<String, Object>();
		properties.put("boxoffice.stripe.api-base", apiBase().toString());
		properties.put("boxoffice.stripe.secret-key", secretKey);
		properties.put("boxoffice.stripe.webhook-secret", webhookSecret);
		return properties;
	}

	// --- webhooks

	/** Sends every later event, signed, to this URL; {@code null} stops sending (events are still kept). */
	public void deliverWebhooksTo(URI endpoint) {
		webhooks.destination(endpoint);
	}

	public URI webhookDestination() {
		return webhooks.destination();
	}

	/** Sends each event twice (Stripe delivers at least once). */
	public void deliverEachWebhookTwice(boolean twice) {
		webhooks.deliverTwice(twice);
	}

	/** Holds events instead of sending them, until {@link #resumeWebhooks()} or {@link #resumeWebhooksInReverseOrder()}. */
	public void pauseWebhooks() {
		webhooks.pause();
	}

	public void resumeWebhooks() {
		webhooks.resume(false);
	}

	/** Sends the held events newest first (Stripe does not promise any order). */
	public void resumeWebhooksInReverseOrder() {
		webhooks.resume(true);
	}

	/** Every event the fake created, oldest first, whether or not it was sent. */
	public List<StripeEvent> events() {
		synchronized (events) {
			return List.copyOf(events);
		}
	}

	/** Every delivery attempt, in the order they ended. */
	public List<Delivery> deliveries() {
		return webhooks.deliveries();
	}

	// --- misbehaving

	/** Answers every API request this much later (after acting on it, as a slow Stripe would); zero to stop. */
	public void respondAfter(Duration latency) {
		api.latency(latency);
	}

	/** Answers the next requests with 500 {@code api_error} without acting on them. */
	public void failNextRequests(int count) {
		api.failNext(count);
	}

	// --- the buyer's side and what happened

	/** Completes a PaymentIntent's 3-D Secure authentication as the buyer's bank would. */
	public void authenticate(String paymentIntentId, boolean succeed) {
		intents.authenticate(paymentIntentId, succeed);
	}

	/** @throws IllegalArgumentException if the fake has no such PaymentIntent */
	public PaymentIntentSnapshot paymentIntent(String id) {
		return intents.snapshot(id);
	}

	public List<PaymentIntentSnapshot> paymentIntents() {
		return intents.snapshots();
	}

	/** Ids of the PaymentIntents captured, in order. */
	public List<String> captures() {
		return intents.captures();
	}

	/** Ids of the PaymentIntents canceled, in order. */
	public List<String> cancellations() {
		return intents.cancellations();
	}

	public List<RefundRecord> refunds() {
		return intents.refunds();
	}

	/** Every API request answered, in order. */
	public List<Request> requests() {
		return api.requests();
	}

	/** Forgets everything and every switch, the webhook destination included. Keys and port stay. */
	public void reset() {
		webhooks.reset();
		api.reset();
		intents.reset();
		events.clear();
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
		webhooks.close();
		synchronized (FakeStripe.class) {
			if (running == this) {
				running = null;
			}
		}
	}

	private void publish(String type, Map<String, Object> object) {
		StripeEvent event = StripeEvents.create(type, object);
		events.add(event);
		webhooks.publish(event);
	}

	/** A PaymentIntent as the fake holds it now. */
	public record PaymentIntentSnapshot(String id, String status, long amount, String currency, String captureMethod,
			long amountCapturable, long amountReceived, long amountRefunded, Map<String, String> metadata, String paymentMethod,
			String latestCharge) {
	}

	public record RefundRecord(String id, String paymentIntentId, String chargeId, long amount, String currency) {
	}

	/** An event as sent: {@code payload} is the exact body that is signed. */
	public record StripeEvent(String id, String type, String paymentIntentId, long created, String payload) {
	}

	/** One delivery attempt; {@code status} is -1 when the endpoint could not be reached. */
	public record Delivery(String eventId, String type, int attempt, int status) {
	}

	/** One API request and the status it was answered with. */
	public record Request(String method, String path, String idempotencyKey, int status, boolean replayed) {
	}
}
