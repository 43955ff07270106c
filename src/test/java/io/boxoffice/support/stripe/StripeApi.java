package io.boxoffice.support.stripe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stripe's HTTP conventions around {@link FakePaymentIntents}: bearer-key authentication, form-encoded
 * parameters, idempotency keys (the same key and parameters replay the stored response, other parameters
 * are an {@code idempotency_error}), JSON bodies and error envelopes. Test switches: answer late, fail
 * the next requests with 500.
 */
final class StripeApi implements HttpHandler {

	private static final Pattern INTENT = Pattern.compile("/v1/payment_intents/([^/]+)(?:/(confirm|capture|cancel))?");
	private static final Pattern AUTHENTICATE = Pattern.compile("/_fake/payment_intents/([^/]+)/authenticate");

	private final String secretKey;
	private final FakePaymentIntents intents;
	private final JsonMapper json = JsonMapper.builder().build();
	private final Map<String, Stored> idempotent = new HashMap<>();
	private final List<FakeStripe.Request> requests = Collections.synchronizedList(new ArrayList<>());
	private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
	private final AtomicInteger failures = new AtomicInteger();

	StripeApi(String secretKey, FakePaymentIntents intents) {
		this.secretKey = secretKey;
		this.intents = intents;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
			Stored response = respond(method, path, exchange.getRequestURI().getRawQuery(), body, key,
					exchange.getRequestHeaders().getFirst("Authorization"));
			requests.add(new FakeStripe.Request(method, path, key, response.status(), response.replayed()));
			pause(latency.get());
			var headers = exchange.getResponseHeaders();
			headers.set("Content-Type", "application/json");
			headers.set("Request-Id", FakePaymentIntents.id("req_"));
			if (key != null) {
				headers.set("Idempotency-Key", key);
			}
			if (response.replayed()) {
				headers.set("Idempotent-Replayed", "true");
			}
			byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(response.status(), bytes.length);
			exchange.getResponseBody().write(bytes);
		}
		catch (IOException clientGaveUp) {
			// e.g. the client's read timeout closed the connection while the fake was answering late
		}
	}

	private Stored respond(String method, String path, String query, String body, String key, String authorization) {
		Matcher authenticate = AUTHENTICATE.matcher(path);
		if (method.equals("POST") && authenticate.matches()) {
			return process(() -> intents.authenticate(authenticate.group(1), !"fail".equals(outcome(body))));
		}
		if (!("Bearer " + secretKey).equals(authorization)) {
			return failure(StripeFailure.unauthorized(authorization == null
					? "You did not provide an API key. You need to provide your API key in the Authorization header."
					: "Invalid API Key provided: " + mask(authorization)));
		}
		if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			return failure(StripeFailure.apiError());
		}
		if (method.equals("GET")) {
			return process(() -> get(path, FormParams.parse(query)));
		}
		if (key == null) {
			return process(() -> post(path, FormParams.parse(body)));
		}
		synchronized (idempotent) {
			Stored stored = idempotent.get(key);
			if (stored != null) {
				return stored.request().equals(method + " " + path + "?" + body) ? stored.replay()
						: failure(StripeFailure.idempotencyMismatch(key));
			}
			Stored response = process(() -> post(path, FormParams.parse(body)));
			idempotent.put(key, response.forRequest(method + " " + path + "?" + body));
			return response;
		}
	}

	private Map<String, Object> get(String path, FormParams params) {
		Matcher intent = INTENT.matcher(path);
		if (intent.matches() && intent.group(2) == null) {
			return intents.retrieve(intent.group(1), params.list("expand").contains("latest_charge"));
		}
		throw StripeFailure.unrecognized("GET", path);
	}

	private Map<String, Object> post(String path, FormParams params) {
		if (path.equals("/v1/payment_intents")) {
			return intents.create(params);
		}
		if (path.equals("/v1/refunds")) {
			return intents.refund(params);
		}
		Matcher intent = INTENT.matcher(path);
		if (intent.matches() && intent.group(2) != null) {
			return switch (intent.group(2)) {
				case "confirm" -> intents.confirm(intent.group(1), params);
				case "capture" -> intents.capture(intent.group(1), params);
				default -> intents.cancel(intent.group(1), params);
			};
		}
		throw StripeFailure.unrecognized("POST", path);
	}

	private Stored process(java.util.function.Supplier<Map<String, Object>> operation) {
		try {
			return new Stored(200, json.writeValueAsString(operation.get()), false, null);
		}
		catch (StripeFailure failure) {
			return failure(failure);
		}
	}

	private Stored failure(StripeFailure failure) {
		return new Stored(failure.status(), json.writeValueAsString(failure.body()), false, null);
	}

	/** {@code outcome=fail} as a form or {@code {"outcome":"fail"}} as JSON. */
	private String outcome(String body) {
		if (body.trim().startsWith("{")) {
			return json.readTree(body).path("outcome").asString();
		}
		return FormParams.parse(body).get("outcome");
	}

	void latency(Duration latency) {
		this.latency.set(latency);
	}

	void failNext(int requests) {
		failures.set(requests);
	}

	List<FakeStripe.Request> requests() {
		synchronized (requests) {
			return List.copyOf(requests);
		}
	}

	void reset() {
		latency.set(Duration.ZERO);
		failures.set(0);
		requests.clear();
		synchronized (idempotent) {
			idempotent.clear();
		}
	}

	private static String mask(String authorization) {
		String key = authorization.replaceFirst("^Bearer ", "");
		return key.length() > 12 ? key.substring(0, 8) + "*".repeat(key.length() - 12) + key.substring(key.length() - 4) : "****";
	}

	private static void pause(Duration latency) {
		if (!latency.isZero()) {
			try {
				Thread.sleep(latency.toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** A response, remembered under its idempotency key with the request it answered. */
	private record Stored(int status, String body, boolean replayed, String request) {

		Stored forRequest(String request) {
			return new Stored(status, body, false, request);
		}

		Stored replay() {
			return new Stored(status, body, true, request);
		}
	}
}
