package boxoffice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.gatling.http.action.ws.WsInboundMessage;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static io.gatling.javaapi.http.HttpDsl.ws;

/**
 * An on-sale surge on one event: arrivals ramp to {@code 10 x rate} buyers per second over {@code rampSeconds}, stay
 * there {@code steadySeconds}. Each buyer gets a token (dev token endpoint), then with {@code room=on} joins the
 * waiting room, watches its position over the WebSocket until admitted (giving up and leaving after {@code maxWait}
 * seconds), claims its admission, holds 2 seats with the {@code Admission-Token}, books and pays with the Stripe
 * fake ({@code pm_card_visa}); with {@code room=off} it holds at once. A 503 is retried after its Retry-After (3
 * tries); a hold that meets a taken seat tries 2 other seats (3 tries). {@link SurgeStats} writes the summary to
 * {@code summaryFile}. loadtest/surge.sh runs both halves.
 */
public class SurgeLoad extends Simulation {

	private static final Pattern AT = Pattern.compile("\"at\"\\s*:\\s*\"([^\"]+)\"");
	private static final int TRIES = 3;

	private final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
	private final boolean room = !"off".equals(System.getProperty("room", "on"));
	private final long event = Long.getLong("event", 1);
	private final double rate = Double.parseDouble(System.getProperty("rate", "10"));
	private final int rampSeconds = Integer.getInteger("rampSeconds", 20);
	private final int steadySeconds = Integer.getInteger("steadySeconds", 20);
	private final int maxWait = Integer.getInteger("maxWait", 45);
	private final Path summaryFile = Path.of(System.getProperty("summaryFile", "../target/surge/summary-" + (room ? "on" : "off") + ".txt"));
	private final List<Long> seats = readSeats(System.getProperty("poolFile", "../target/surge/seats-" + event + ".txt"));
	private final String phase = room ? "room on" : "room off";
	private final SurgeStats stats = new SurgeStats();

	private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
		.wsBaseUrl(baseUrl.replaceFirst("^http", "ws"))
		.acceptHeader("application/json")
		.contentTypeHeader("application/json")
		.wsUnmatchedInboundMessageBufferSize(1000);

	/**
	 * One request, retried after its Retry-After while it is shed (or while {@code retryWhen} says so, e.g. a taken
	 * seat); every answer is counted by step and status. Leaves the last status in {@code status}.
	 */
	private ChainBuilder call(String step, HttpRequestActionBuilder request, Function<Session, Session> beforeEachTry,
			Set<Integer> retryWhen) {
		HttpRequestActionBuilder counted = request.check(status().saveAs("status"), responseTimeInMillis().saveAs("millis"),
				bodyString().saveAs("body"), header("Retry-After").optional().saveAs("retryAfter"));
		return exec(session -> session.set("tries", 0).remove("answered"))
			.asLongAs(session -> !session.contains("answered")).on(
				exec(session -> beforeEachTry.apply(session.remove("status").remove("retryAfter")))
				.exec(counted)
				.exec(session -> {
					int status = session.contains("status") ? session.getInt("status") : 0;
					stats.answer(step, status, session.contains("millis") ? session.getLong("millis") : 0, session.getString("body"));
					int tries = session.getInt("tries") + 1;
					boolean again = tries < TRIES && (status == 503 || retryWhen.contains(status));
					Session next = session.set("tries", tries).set("status", status).remove("body");
					return again ? next : next.set("answered", true);
				})
				.doIf(session -> !session.contains("answered")).then(
					pause(session -> Duration.ofSeconds(session.contains("retryAfter") ? Long.parseLong(session.getString("retryAfter")) : 0)
						.plusMillis(ThreadLocalRandom.current().nextInt(100, 500)))));
	}

	private ChainBuilder call(String step, HttpRequestActionBuilder request) {
		return call(step, request, Function.identity(), Set.of());
	}

	private static boolean answered(Session session, int... expected) {
		int status = session.getInt("status");
		for (int ok : expected) {
			if (status == ok) {
				return true;
			}
		}
		return false;
	}

	private final ChainBuilder token = exec(session -> session.set("user", "surge-" + (room ? "on-" : "off-") + UUID.randomUUID()))
		.exec(call("token", http("token").post("/api/dev/token").body(StringBody("{\"user\":\"#{user}\",\"roles\":[\"USER\"]}"))
			.check(jsonPath("$.token").optional().saveAs("token"))))
		.exitHereIf(session -> !answered(session, 200, 201) || !session.contains("token"));

	private final ChainBuilder join = exec(call("join", http("join").post("/api/events/" + event + "/queue")
			.header("Authorization", "Bearer #{token}")
			.check(jsonPath("$.ticket").optional().saveAs("ticket"),
					jsonPath("$.state").optional().saveAs("state"))))
		.exitHereIf(session -> !answered(session, 200) || !session.contains("ticket"))
		.exec(session -> {
			if ("ADMITTED".equals(session.getString("state"))) {
				stats.admitted(System.currentTimeMillis());
				stats.event("admitted at join");
				return session.set("admitted", true);
			}
			return session.set("waitUntil", System.currentTimeMillis() + maxWait * 1000L);
		});

	private Session readMessages(List<WsInboundMessage> messages, Session session) {
		Session next = session;
		for (WsInboundMessage message : messages) {
			if (!(message instanceof WsInboundMessage.Text text)) {
				continue;
			}
			String body = text.message();
			Matcher at = AT.matcher(body);
			if (at.find() && !body.contains("\"type\":\"place\"")) {
				stats.pushLag(text.timestamp() - Instant.parse(at.group(1)).toEpochMilli());
			}
			if (body.contains("\"type\":\"admitted\"")) {
				stats.admitted(text.timestamp());
				next = next.set("admitted", true);
			}
			else if (body.contains("\"type\":\"expired\"")) {
				next = next.set("expired", true);
			}
		}
		return next;
	}

	private final ChainBuilder waitForTurn = doIf(session -> !session.contains("admitted")).then(
		exec(ws("watch").connect("/ws/queue/#{ticket}"))
			.asLongAs(session -> !session.contains("admitted") && !session.contains("expired")
					&& System.currentTimeMillis() < session.getLong("waitUntil")).on(
				// Receipt times come from the messages themselves: this pace only bounds how soon a buyer goes on to claim.
				pause(Duration.ofMillis(500)).exec(ws.processUnmatchedMessages(this::readMessages)))
			.exec(ws("watch").close())
			.doIf(session -> !session.contains("admitted")).then(
				exec(session -> {
					stats.event(session.contains("expired") ? "expired" : "gave up waiting");
					return session;
				})
				.exec(call("leave", http("leave").delete("/api/queue/#{ticket}").header("Authorization", "Bearer #{token}")))))
		.exitHereIf(session -> !session.contains("admitted"));

	private final ChainBuilder claim = exec(call("claim", http("claim").post("/api/queue/#{ticket}/claim")
			.header("Authorization", "Bearer #{token}")
			.check(jsonPath("$.admissionToken").optional().saveAs("admission"))))
		.exitHereIf(session -> !answered(session, 200) || !session.contains("admission"));

	private Session pickSeats(Session session) {
		var random = ThreadLocalRandom.current();
		long first = seats.get(random.nextInt(seats.size()));
		long second;
		do {
			second = seats.get(random.nextInt(seats.size()));
		}
		while (second == first);
		return session.set("seats", "[" + first + "," + second + "]");
	}

	private ChainBuilder holdBookPay() {
		var hold = http("hold").post("/api/holds").header("Authorization", "Bearer #{token}")
			.body(StringBody("{\"eventId\":" + event + ",\"seatIds\":#{seats}}"))
			.check(jsonPath("$.holdId").optional().saveAs("holdId"));
		if (room) {
			hold = hold.header("Admission-Token", "#{admission}");
		}
		return exec(call("hold", hold, this::pickSeats, Set.of(409)))
			.exitHereIf(session -> !answered(session, 201))
			.exec(session -> session.set("bookingKey", UUID.randomUUID().toString()))
			.exec(call("book", http("book").post("/api/bookings").header("Authorization", "Bearer #{token}")
				.header("Idempotency-Key", "#{bookingKey}").body(StringBody("{\"holdId\":\"#{holdId}\"}"))
				.check(jsonPath("$.bookingId").optional().saveAs("bookingId"))))
			.exitHereIf(session -> !answered(session, 201))
			.exec(call("pay", http("pay").post("/api/bookings/#{bookingId}/confirm").header("Authorization", "Bearer #{token}")
				.body(StringBody("{\"paymentMethod\":\"pm_card_visa\"}"))))
			.exec(session -> {
				if (answered(session, 200)) {
					stats.event("paid");
				}
				return session;
			});
	}

	private final ScenarioBuilder buyers = scenario(phase)
		.exec(token)
		.exec(room ? exec(join).exec(waitForTurn).exec(claim) : exec(session -> session))
		.exec(holdBookPay());

	{
		double peak = 10 * rate;
		setUp(buyers.injectOpen(rampUsersPerSec(1).to(peak).during(Duration.ofSeconds(rampSeconds)),
				constantUsersPerSec(peak).during(Duration.ofSeconds(steadySeconds))))
			.protocols(protocol)
			.maxDuration(Duration.ofSeconds(rampSeconds + steadySeconds + maxWait + 60));
	}

	@Override
	public void after() {
		String report = stats.report(phase + ": arrivals ramp to " + (10 * rate) + "/s over " + rampSeconds + " s, then "
				+ steadySeconds + " s; " + (room ? "admission " + rate + "/s" : "no waiting room"), room ? rate : 0);
		System.out.println(report);
		stats.write(summaryFile, report);
	}

	private static List<Long> readSeats(String file) {
		try {
			List<Long> seats = new ArrayList<>();
			for (String line : Files.readAllLines(Path.of(file))) {
				String[] parts = line.trim().split("\\s+");
				if (parts.length == 2) {
					seats.add(Long.parseLong(parts[1]));
				}
			}
			return seats;
		}
		catch (IOException e) {
			throw new IllegalStateException("No seat pool at " + file + "; loadtest/surge.sh writes it", e);
		}
	}
}
