package io.boxoffice.support.services;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The support code leaves no process behind: a JVM that exits stops its services, and the services of
 * a JVM killed with SIGKILL (which skips shutdown hooks) are stopped by the next start. Runs the
 * services in child JVMs with their own directory, so the test JVM's own services are not touched.
 */
class BackingServicesLifecycleIT {

	private final Path root = Path.of("target/backing-services-lifecycle").toAbsolutePath();
	private final Path records = root.resolve("test");

	@Test
	@Timeout(value = 5, unit = TimeUnit.MINUTES)
	void stopsItsProcessesOnExitAndTheOrphansOfAKilledJvmOnTheNextStart() throws Exception {
		Process killed = startProbe();
		Map<String, Long> orphans = recordedPids();
		assertThat(orphans).containsKeys("postgres", "redis", "elasticsearch");
		assertThat(orphans.values()).allMatch(BackingServicesLifecycleIT::alive);

		killed.destroyForcibly().waitFor();
		assertThat(orphans.values()).as("SIGKILL skips shutdown hooks, so the servers outlive the JVM")
			.allMatch(BackingServicesLifecycleIT::alive);

		Process next = startProbe();
		assertThat(orphans.values()).as("the next start stopped the orphans").allMatch(BackingServicesLifecycleIT::exits);
		Map<String, Long> current = recordedPids();
		assertThat(current.values()).allMatch(BackingServicesLifecycleIT::alive);

		next.getOutputStream().close();
		assertThat(next.waitFor(90, TimeUnit.SECONDS)).isTrue();
		assertThat(next.exitValue()).isZero();
		assertThat(current.values()).as("a normal exit stops every service").allMatch(BackingServicesLifecycleIT::exits);
		assertThat(recordedPids()).as("and forgets their records").isEmpty();
	}

	private Process startProbe() throws IOException {
		var command = List.of(ProcessHandle.current().info().command().orElse("java"),
				"-cp", System.getProperty("java.class.path"),
				"-Dboxoffice.services.dir=" + root,
				"-Dboxoffice.elasticsearch.home=" + System.getProperty("boxoffice.elasticsearch.home", "target/elasticsearch/none"),
				BackingServicesProbe.class.getName());
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		// Kafka runs inside the probe's JVM and cannot outlive it; point it elsewhere to keep the probe light.
		builder.environment().put("BOXOFFICE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
		builder.environment().put("BOXOFFICE_SERVICES", "local");
		Process probe = builder.start();
		var output = new BufferedReader(new InputStreamReader(probe.getInputStream()));
		var seen = new ArrayList<String>();
		for (String line = output.readLine(); line != null; line = output.readLine()) {
			seen.add(line);
			if (line.startsWith("READY")) {
				// keep draining so the child never blocks on a full pipe
				var drain = new Thread(() -> output.lines().forEach(l -> { }), "probe-output");
				drain.setDaemon(true);
				drain.start();
				return probe;
			}
		}
		throw new AssertionError("probe exited without starting its services:\n" + String.join("\n", seen));
	}

	private Map<String, Long> recordedPids() throws IOException {
		var pids = new HashMap<String, Long>();
		try (Stream<Path> files = Files.list(records)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
				String name = file.getFileName().toString().replace(".pid", "");
				pids.put(name, Long.parseLong(Files.readString(file).trim().split(" ")[0]));
			}
		}
		return pids;
	}

	/**
	 * Whether the process is gone within a few seconds. A stopped server is reparented to pid 1 and
	 * counts as alive until pid 1 reaps it, which is asynchronous; a process still running after the
	 * bound was not stopped.
	 */
	private static boolean exits(long pid) {
		try {
			ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(15, TimeUnit.SECONDS).join());
			return !alive(pid);
		}
		catch (RuntimeException timedOut) {
			return false;
		}
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}
}
