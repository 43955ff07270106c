package boxoffice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the surge's virtual users saw, counted by the simulation itself (Gatling's report has no status breakdown):
 * answers by step and status, sheds (503 {@code /problems/overloaded} from the concurrency limit, recognised by its
 * {@code retryAfterSeconds} field) apart from other 5xx, latencies, admission times and position-push lags.
 */
final class SurgeStats {

	private final Map<String, Map<Integer, AtomicLong>> statuses = new ConcurrentHashMap<>();
	private final Map<String, ConcurrentLinkedQueue<Long>> latencies = new ConcurrentHashMap<>();
	private final Map<String, AtomicLong> sheds = new ConcurrentHashMap<>();
	private final Map<String, AtomicLong> events = new ConcurrentHashMap<>();
	private final ConcurrentLinkedQueue<Long> admittedAt = new ConcurrentLinkedQueue<>();
	private final ConcurrentLinkedQueue<Long> pushLags = new ConcurrentLinkedQueue<>();

	/** {@code status} 0: no answer (connection refused, reset, timed out). */
	void answer(String step, int status, long millis, String body) {
		statuses.computeIfAbsent(step, s -> new ConcurrentHashMap<>()).computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
		if (status == 503 && body != null && body.contains("\"retryAfterSeconds\"")) {
			sheds.computeIfAbsent(step, s -> new AtomicLong()).incrementAndGet();
		}
		if (status > 0) {
			latencies.computeIfAbsent(step, s -> new ConcurrentLinkedQueue<>()).add(millis);
		}
	}

	void event(String name) {
		events.computeIfAbsent(name, s -> new AtomicLong()).incrementAndGet();
	}

	void admitted(long epochMillis) {
		admittedAt.add(epochMillis);
	}

	void pushLag(long millis) {
		pushLags.add(millis);
	}

	long serverErrors() {
		long total = 0;
		for (var entry : statuses.entrySet()) {
			for (var status : entry.getValue().entrySet()) {
				if (status.getKey() >= 500) {
					total += status.getValue().get();
				}
			}
		}
		return total - sheds.values().stream().mapToLong(AtomicLong::get).sum();
	}

	String report(String title, double configuredRate) {
		var out = new StringBuilder("== " + title + "\n");
		new TreeMap<>(statuses).forEach((step, byStatus) -> out.append(String.format(Locale.ROOT, "%-8s %s p50=%s p99=%s ms%s%n",
				step, new TreeMap<>(Map.copyOf(byStatus)), percentile(latencies.get(step), 50), percentile(latencies.get(step), 99),
				sheds.containsKey(step) ? " (shed " + sheds.get(step) + ")" : "")));
		out.append("5xx other than sheds: ").append(serverErrors())
			.append("; sheds (503 overloaded): ").append(sheds.values().stream().mapToLong(AtomicLong::get).sum()).append('\n');
		out.append("events: ").append(new TreeMap<>(Map.copyOf(events))).append('\n');
		List<Long> admissions = new ArrayList<>(admittedAt);
		if (configuredRate > 0 && admissions.size() > 1) {
			Collections.sort(admissions);
			double seconds = (admissions.get(admissions.size() - 1) - admissions.get(0)) / 1000.0;
			out.append(String.format(Locale.ROOT, "admitted: %d over %.1f s = %.1f/s (configured %.1f/s)%n", admissions.size(),
					seconds, (admissions.size() - 1) / seconds, configuredRate));
		}
		if (configuredRate > 0) {
			out.append("position-push lag: ").append(pushLags.isEmpty() ? "not measured (messages carry no server time)"
					: "n=" + pushLags.size() + " p50=" + percentile(pushLags, 50) + " p99=" + percentile(pushLags, 99) + " ms")
				.append('\n');
		}
		return out.toString();
	}

	static String percentile(java.util.Collection<Long> values, double p) {
		if (values == null || values.isEmpty()) {
			return "-";
		}
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
		return Long.toString(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
	}

	void write(Path file, String report) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, report);
		}
		catch (IOException e) {
			throw new IllegalStateException("Cannot write " + file, e);
		}
	}
}
