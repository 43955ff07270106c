package boxoffice;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * {@code watchers} WebSocket clients of one event's live seat map (connected over {@code rampSeconds}, each
 * staying {@code seconds}), while {@code churners} users hold and release random seats of that event. Gatling
 * reports the time to the snapshot per connection; deltas are counted by the server
 * ({@code boxoffice_seatmap_deltas_total}). Start the demo with the per-address caps lifted (one load generator
 * is one address):
 * <pre>
 * ./mvnw spring-boot:test-run -Dspring-boot.run.arguments="--boxoffice.seatmap.max-connections-per-ip=20000 \
 *   --boxoffice.rate-limits.routes.reads.per-ip=1000000000 --boxoffice.rate-limits.routes.holds.per-ip=1000000000 \
 *   --boxoffice.rate-limits.routes.holds.per-user=1000000000 --boxoffice.rate-limits.routes.holds.signed-in-per-ip=1000000000"
 * ./mvnw -f loadtest/pom.xml gatling:test -Dgatling.simulationClass=boxoffice.LiveSeatMapWatchers \
 *   -Devent=1 -Dwatchers=1000 -Dchurners=4 -Dseconds=60
 * </pre>
 * The figure is 10,000 watchers: only on an otherwise idle machine (ulimit -n above 20,000).
 */
public class LiveSeatMapWatchers extends Simulation {

	private final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
	private final long event = Long.getLong("event", 1);
	private final int watchers = Integer.getInteger("watchers", 1000);
	private final int churners = Integer.getInteger("churners", 4);
	private final int rampSeconds = Integer.getInteger("rampSeconds", 30);
	private final int seconds = Integer.getInteger("seconds", 60);

	private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
		.wsBaseUrl(baseUrl.replaceFirst("^http", "ws"))
		.acceptHeader("application/json")
		.contentTypeHeader("application/json");

	private final ScenarioBuilder watch = scenario("watchers")
		.exec(ws("connect").connect("/ws/events/" + event + "/availability")
			.await(30).on(ws.checkTextMessage("snapshot").check(regex("\"type\":\"snapshot\""))))
		.pause(Duration.ofSeconds(seconds))
		.exec(ws("close").close());

	private final ScenarioBuilder churn = scenario("churn")
		.exec(session -> session.set("user", "churn-" + session.userId()))
		.exec(http("token").post("/api/dev/token").body(StringBody("{\"user\":\"#{user}\",\"roles\":[\"USER\"]}"))
			.check(jsonPath("$.token").saveAs("token")))
		.exec(http("seat map").get("/api/events/" + event + "/seatmap").check(jsonPath("$..seats[*][0]").findAll().saveAs("seats")))
		.exec(during(Duration.ofSeconds(seconds + rampSeconds)).on(
				exec(session -> {
					List<Object> seats = session.getList("seats");
					return session.set("seat", seats.get(ThreadLocalRandom.current().nextInt(seats.size())));
				})
				.exec(http("hold").post("/api/holds").header("Authorization", "Bearer #{token}")
					.body(StringBody("{\"eventId\":" + event + ",\"seatIds\":[#{seat}]}"))
					.check(status().in(201, 409), jsonPath("$.holdId").optional().saveAs("holdId")))
				.doIf(session -> session.contains("holdId")).then(
						exec(http("release").delete("/api/holds/#{holdId}").header("Authorization", "Bearer #{token}")
							.check(status().in(204, 404)))
							.exec(session -> session.remove("holdId")))
				.pause(Duration.ofMillis(100))));

	{
		setUp(watch.injectOpen(rampUsers(watchers).during(Duration.ofSeconds(rampSeconds))),
				churn.injectOpen(nothingFor(Duration.ofSeconds(2)), rampUsers(churners).during(Duration.ofSeconds(2))))
			.protocols(protocol);
	}
}
