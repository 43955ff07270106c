package io.boxoffice.edge.fuzz;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.edge.fuzz.ApiOperations.Caller;
import io.boxoffice.edge.fuzz.ApiOperations.Operation;
import io.boxoffice.support.TestTokens;

/** One fuzzing run: sends the generated requests in order, checks each answer, and reports what failed. */
public final class ApiFuzzRun {

	/** Shown in full in the report; the rest are counted. */
	private static final int REPORTED = 25;

	public record Failure(FuzzRequest request, RawHttp.Response response, List<String> problems) {

		/** Failures with the same key are one bug seen many times. */
		String key() {
			return response.status() + " " + problems.get(0).replaceAll("[('\"].*", "").trim();
		}

		String describe(long seed) {
			String bodyText = response.status() < 0 ? "" : FuzzRequest.excerpt(response.text(), 500);
			return "  " + String.join("; ", problems) + "\n  request " + request.describe() + "\n  answer " + response.status() + " "
					+ response.header("Content-Type") + ": " + bodyText + "\n  replay: -Dfuzz.seed=" + seed + " -Dfuzz.request="
					+ request.index();
		}
	}

	public record Result(long seed, int sent, List<Failure> failures, Map<Integer, Integer> statuses, Duration took) {

		public String summary() {
			return "ApiFuzzIT seed=" + seed + ": " + sent + " requests in " + took.toSeconds() + " s, statuses " + statuses + ", "
					+ failures.size() + " failed";
		}

		public String report() {
			Map<String, List<Failure>> byKind = failures.stream().collect(Collectors.groupingBy(Failure::key, LinkedHashMap::new,
					Collectors.toList()));
			var report = new StringBuilder(summary()).append(" (").append(byKind.size()).append(" kinds; rerun with -Dfuzz.seed=")
				.append(seed).append(")\n");
			byKind.entrySet().stream().limit(REPORTED).forEach(kind -> report.append("\n").append(kind.getValue().size()).append("× ")
				.append(kind.getKey()).append(" on ")
				.append(kind.getValue().stream().map(failure -> failure.request().route()).distinct().sorted().collect(Collectors.joining(", ")))
				.append("; first:\n").append(kind.getValue().get(0).describe(seed)).append('\n'));
			return report.toString();
		}

		/** Every failure, for a file next to the test reports. */
		public String fullReport() {
			return summary() + "\n\n" + failures.stream().map(failure -> failure.describe(seed)).collect(Collectors.joining("\n\n"));
		}
	}

	private final long seed;
	private final RawHttp http;
	private final HostileRequests requests;
	private final DatabaseFingerprint database;

	public ApiFuzzRun(int port, long seed, ApiOperations api, List<Operation> operations, TestTokens tokens, String secret,
			String issuer, Clock clock, String userPrefix, Map<String, String> goodIds, Map<String, Object> knownGood, long bodyLimit,
			DatabaseClient db) {
		this.seed = seed;
		this.http = new RawHttp(port);
		var hostileTokens = new HostileTokens(tokens, secret, issuer, clock, userPrefix + "user", userPrefix + "admin");
		this.requests = new HostileRequests(operations, new JsonBodies(api, knownGood, bodyLimit), hostileTokens, goodIds, seed);
		this.database = new DatabaseFingerprint(db, userPrefix);
	}

	/** Routes the API document does not list but a client can reach. */
	public static List<Operation> undocumentedRoutes() {
		JsonMapper json = JsonMapper.builder().build();
		var none = json.missingNode();
		return List.of(new Operation("GET", "/ws/events/{id}/availability", List.of(), none, Caller.ANYONE),
				new Operation("GET", "/", List.of(), none, Caller.ANYONE),
				new Operation("GET", "/no/such/page.html", List.of(), none, Caller.ANYONE),
				new Operation("GET", "/actuator/health", List.of(), none, Caller.ANYONE),
				new Operation("GET", "/actuator/env", List.of(), none, Caller.ADMIN),
				new Operation("POST", "/api/dev/token", List.of(), none, Caller.ANYONE));
	}

	public Result run(int count) {
		return run(0, count);
	}

	public Result replay(int index) {
		return run(index, 1);
	}

	private Result run(int first, int count) {
		long started = System.nanoTime();
		var failures = new ArrayList<Failure>();
		var statuses = new TreeMap<Integer, Integer>();
		for (int i = first; i < first + count; i++) {
			FuzzRequest request = requests.request(i);
			Map<String, Object> before = request.writes() ? database.take() : null;
			RawHttp.Response response = http.send(request.head(), request.body(), request.mode() == JsonBodies.Mode.DECLARED_ONLY);
			statuses.merge(response.status(), 1, Integer::sum);
			List<String> problems = new ArrayList<>(ResponseChecks.problems(request, response));
			if (before != null && (response.status() >= 400 || response.status() < 0)) {
				Map<String, String> changed = DatabaseFingerprint.difference(before, database.take());
				if (!changed.isEmpty()) {
					problems.add("refused, but changed the database: " + changed);
				}
			}
			if (!problems.isEmpty()) {
				failures.add(new Failure(request, response, problems));
			}
		}
		return new Result(seed, count, failures, statuses, Duration.ofNanos(System.nanoTime() - started));
	}
}
