package boxoffice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Confirmed bookings: each iteration is a buyer's whole path, hold {@code seatsPerHold} random seats of one of
 * the pool's events, create the booking (a Stripe PaymentIntent with manual capture, against the demo's local
 * Stripe fake), and confirm it with {@code pm_card_visa}: one PostgreSQL transaction writes the tickets. A
 * "confirm" answered 200 with status CONFIRMED is OK, so "confirm OK per second" is confirmed bookings per
 * second. Sold seats stay sold: the pool (lines "eventId seatId") must outlast the run, and a hold that meets a
 * seat someone already bought is a 409 (KO) that ends the iteration. {@code model=closed} keeps {@code users}
 * buyers in flight; {@code model=open} starts {@code rate} buyers per second.
 */
public class BookingsLoad extends Simulation {

	private final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
	private final String model = System.getProperty("model", "closed");
	private final int seatsPerHold = Integer.getInteger("seatsPerHold", 2);
	private final int users = Integer.getInteger("users", 32);
	private final double rate = Double.parseDouble(System.getProperty("rate", "50"));
	private final int seconds = Integer.getInteger("seconds", 30);
	private final int warmup = Integer.getInteger("warmup", 10);
	private final Map<Long, List<Long>> pool = readPool(System.getProperty("poolFile", "../target/bench-booking-pool.txt"));
	private final List<Long> events = List.copyOf(pool.keySet());
	private final List<String> tokens = DevTokens.fetch(baseUrl, 500, "buyer-");

	private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl).contentTypeHeader("application/json")
		.acceptHeader("application/json").shareConnections().maxConnectionsPerHost(64);

	private Iterator<Map<String, Object>> feeder() {
		return Stream.generate(() -> {
			var random = ThreadLocalRandom.current();
			long event = events.get(random.nextInt(events.size()));
			List<Long> eventSeats = pool.get(event);
			List<Long> seats = new ArrayList<>();
			while (seats.size() < seatsPerHold) {
				long seat = eventSeats.get(random.nextInt(eventSeats.size()));
				if (!seats.contains(seat)) {
					seats.add(seat);
				}
			}
			return Map.<String, Object>of("token", tokens.get(random.nextInt(tokens.size())), "eventId", event,
					"seats", seats.toString().replace(" ", ""), "bookingKey", UUID.randomUUID().toString());
		}).iterator();
	}

	private ChainBuilder buy(String phase) {
		var hold = http(phase + " hold").post("/api/holds")
			.header("Authorization", "Bearer #{token}")
			.body(StringBody("{\"eventId\":#{eventId},\"seatIds\":#{seats}}"))
			.check(status().is(201), jsonPath("$.holdId").saveAs("holdId"));
		var book = http(phase + " book").post("/api/bookings")
			.header("Authorization", "Bearer #{token}").header("Idempotency-Key", "#{bookingKey}")
			.body(StringBody("{\"holdId\":\"#{holdId}\"}"))
			.check(status().is(201), jsonPath("$.bookingId").saveAs("bookingId"));
		var confirm = http(phase + " confirm").post("/api/bookings/#{bookingId}/confirm")
			.header("Authorization", "Bearer #{token}")
			.body(StringBody("{\"paymentMethod\":\"pm_card_visa\"}"))
			.check(status().is(200), jsonPath("$.status").is("CONFIRMED"));
		return feed(feeder()).exec(hold).exitHereIfFailed().exec(book).exitHereIfFailed().exec(confirm);
	}

	private PopulationBuilder phase(String name, int duration) {
		ScenarioBuilder scenario = scenario(name + " bookings").exec(buy(name));
		return model.equals("open")
				? scenario.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(duration)))
				: scenario.injectClosed(constantConcurrentUsers(users).during(Duration.ofSeconds(duration)));
	}

	{
		setUp(phase("warmup", warmup).andThen(phase("measured", seconds))).protocols(protocol);
	}

	private static Map<Long, List<Long>> readPool(String file) {
		try {
			Map<Long, List<Long>> seatsByEvent = new LinkedHashMap<>();
			for (String line : Files.readAllLines(Path.of(file))) {
				String[] parts = line.trim().split("\\s+");
				if (parts.length == 2) {
					seatsByEvent.computeIfAbsent(Long.parseLong(parts[0]), event -> new ArrayList<>()).add(Long.parseLong(parts[1]));
				}
			}
			return seatsByEvent;
		}
		catch (IOException e) {
			throw new IllegalStateException("No booking pool at " + file + "; loadtest/bench-bookings.sh writes it", e);
		}
	}
}
