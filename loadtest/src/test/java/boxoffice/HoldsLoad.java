package boxoffice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * Seat holds on a recycled pool: each iteration holds {@code seatsPerHold} random seats of the pool and, if it
 * got them, releases them at once, so the run never degenerates into cheap conflicts. {@code target=redis}
 * drives {@code POST /api/holds} (Lua in Redis); {@code target=pg} the row-locking baseline
 * {@code POST /bench/pg-holds} (profile bench). A hold answered 201 is OK; a 409 (seat taken) is KO, so
 * "OK per second" is successful holds per second. {@code model=closed} keeps {@code users} iterations in
 * flight (saturation); {@code model=open} starts {@code rate} iterations per second (latency at a load).
 */
public class HoldsLoad extends Simulation {

	private final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
	private final String target = System.getProperty("target", "redis");
	private final String model = System.getProperty("model", "closed");
	private final long eventId = Long.getLong("eventId", 1);
	private final int seatsPerHold = Integer.getInteger("seatsPerHold", 2);
	private final int users = Integer.getInteger("users", 64);
	private final double rate = Double.parseDouble(System.getProperty("rate", "500"));
	private final int seconds = Integer.getInteger("seconds", 30);
	private final int warmup = Integer.getInteger("warmup", 10);
	private final List<Long> pool = readPool(System.getProperty("poolFile", "../target/bench-seat-pool.txt"));
	private final List<String> tokens = DevTokens.fetch(baseUrl, 200, "bench-");

	private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl).contentTypeHeader("application/json")
		.acceptHeader("application/json").shareConnections().maxConnectionsPerHost(64);

	private Iterator<Map<String, Object>> feeder() {
		return Stream.generate(() -> {
			var random = ThreadLocalRandom.current();
			List<Long> seats = new ArrayList<>();
			while (seats.size() < seatsPerHold) {
				long seat = pool.get(random.nextInt(pool.size()));
				if (!seats.contains(seat)) {
					seats.add(seat);
				}
			}
			String seatList = seats.toString().replace(" ", "");
			return Map.<String, Object>of("token", tokens.get(random.nextInt(tokens.size())), "seats", seatList,
					"seatPath", seatList.substring(1, seatList.length() - 1));
		}).iterator();
	}

	private ChainBuilder holdAndRelease(String phase) {
		String holdPath = target.equals("pg") ? "/bench/pg-holds" : "/api/holds";
		var hold = http(phase + " hold").post(holdPath)
			.header("Authorization", "Bearer #{token}")
			.body(StringBody("{\"eventId\":" + eventId + ",\"seatIds\":#{seats}}"))
			.check(status().is(201));
		var release = target.equals("pg")
				? http(phase + " release").delete("/bench/pg-holds/" + eventId + "/#{seatPath}").header("Authorization", "Bearer #{token}")
				: http(phase + " release").delete("/api/holds/#{holdId}").header("Authorization", "Bearer #{token}");
		if (!target.equals("pg")) {
			hold = hold.check(jsonPath("$.holdId").saveAs("holdId"));
		}
		return feed(feeder()).exec(hold).doIf(session -> !session.isFailed()).then(exec(release.check(status().is(204))));
	}

	private PopulationBuilder phase(String name, int duration) {
		ScenarioBuilder scenario = scenario(name + " " + target).exec(holdAndRelease(name));
		return model.equals("open")
				? scenario.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(duration)))
				: scenario.injectClosed(constantConcurrentUsers(users).during(Duration.ofSeconds(duration)));
	}

	{
		setUp(phase("warmup", warmup).andThen(phase("measured", seconds))).protocols(protocol);
	}

	private static List<Long> readPool(String file) {
		try {
			return Files.readAllLines(Path.of(file)).stream().filter(line -> !line.isBlank()).map(Long::parseLong).toList();
		}
		catch (IOException e) {
			throw new IllegalStateException("No seat pool at " + file + "; loadtest/bench-holds.sh writes it", e);
		}
	}
}
