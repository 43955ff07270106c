package boxoffice;

import java.time.Duration;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Latency at a fixed arrival rate (open model): {@code rate} new requests per second for {@code seconds},
 * each a GET of {@code path}, after {@code warmup} seconds at the same rate that Gatling also reports (look at
 * the "measured" group). Connections are shared (keep-alive), as a CDN or browser would.
 */
public class OpenModelGet extends Simulation {

	private final String baseUrl = System.getProperty("baseUrl", "http://localhost:8080");
	private final String path = System.getProperty("path", "/api/time");
	private final double rate = Double.parseDouble(System.getProperty("rate", "1000"));
	private final int seconds = Integer.getInteger("seconds", 30);
	private final int warmup = Integer.getInteger("warmup", 10);

	private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
		.acceptHeader("application/json")
		.shareConnections()
		.maxConnectionsPerHost(64);

	private final ScenarioBuilder warm = scenario("warmup").exec(http("warmup").get(path).check(status().is(200)));
	private final ScenarioBuilder measured = scenario("measured").exec(http("measured").get(path).check(status().is(200)));

	{
		setUp(warm.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(warmup)))
			.andThen(measured.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(seconds)))))
			.protocols(protocol);
	}
}
