package io.boxoffice.support.services;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Elasticsearch 8.19 node from the {@code integ-test-zip} artifact that Maven unpacks under
 * {@code target/elasticsearch}. Elasticsearch refuses to run as root, so as root it runs as
 * {@code nobody} through {@code setpriv}.
 */
final class LocalElasticsearch implements BackingService {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
	private static final int NOBODY = 65534;

	private final Process process;
	private final int port;
	private final ProcessRecords records;

	private LocalElasticsearch(Process process, int port, ProcessRecords records) {
		this.process = process;
		this.port = port;
		this.records = records;
	}

	static LocalElasticsearch start(Path esHome, Path home, ProcessRecords records) throws IOException, InterruptedException {
		if (!Files.isExecutable(esHome.resolve("bin/elasticsearch"))) {
			throw new IllegalStateException("Elasticsearch is not unpacked at " + esHome
					+ "; run through Maven (./mvnw ...), which unpacks it in the generate-test-resources phase");
		}
		Path data = home.resolve("data");
		Path logs = home.resolve("logs");
		Path tmp = home.resolve("tmp");
		Path pidFile = home.resolve("elasticsearch.pid");
		for (Path dir : List.of(data, logs, tmp)) {
			Files.createDirectories(dir);
		}
		Files.deleteIfExists(pidFile);
		boolean root = "root".equals(System.getProperty("user.name"));
		if (root) {
			chownToNobody(esHome);
			chownToNobody(home);
		}
		int port = FreePorts.next();
		var command = new ArrayList<String>();
		if (root) {
			command.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
		}
		command.addAll(List.of(esHome.resolve("bin/elasticsearch").toString(),
				"-Ediscovery.type=single-node",
				"-Enetwork.host=127.0.0.1",
				"-Ehttp.port=" + port,
				"-Etransport.port=" + FreePorts.next(),
				"-Expack.security.enabled=false",
				"-Ecluster.routing.allocation.disk.threshold_enabled=false",
				"-Epath.data=" + data.toAbsolutePath(),
				"-Epath.logs=" + logs.toAbsolutePath(),
				"-p", pidFile.toAbsolutePath().toString()));
		var builder = new ProcessBuilder(command)
			.directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(home.resolve("console.log").toFile());
		builder.environment().put("ES_JAVA_HOME", System.getProperty("java.home"));
		builder.environment().put("ES_JAVA_OPTS", "-Xms256m -Xmx512m");
		builder.environment().put("ES_TMPDIR", tmp.toAbsolutePath().toString());
		Process process = builder.start();
		// The launcher pid is recorded first so that a JVM killed during start-up still leaves a record.
		records.record("elasticsearch-launcher", process.pid(), esHome);
		awaitGreen(process, port, home);
		records.record("elasticsearch", Long.parseLong(Files.readString(pidFile).trim()), home);
		return new LocalElasticsearch(process, port, records);
	}

	private static void chownToNobody(Path dir) throws IOException, InterruptedException {
		int exit = new ProcessBuilder("chown", "-R", NOBODY + ":" + NOBODY, dir.toString()).inheritIO().start().waitFor();
		if (exit != 0) {
			throw new IllegalStateException("chown of " + dir + " failed with exit code " + exit);
		}
	}

	private static void awaitGreen(Process process, int port, Path home) throws InterruptedException {
		var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
			.timeout(Duration.ofSeconds(3))
			.build();
		Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!process.isAlive()) {
				throw new IllegalStateException("Elasticsearch exited with " + process.exitValue() + "; see " + home.resolve("console.log"));
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notListeningYet) {
				// keep polling until the deadline
			}
			Thread.sleep(250);
		}
		ProcessRecords.stop(process.toHandle(), Duration.ofSeconds(5));
		throw new IllegalStateException("Elasticsearch did not become healthy within " + STARTUP_TIMEOUT + "; see " + home.resolve("console.log"));
	}

	@Override
	public String name() {
		return "Elasticsearch";
	}

	@Override
	public String address() {
		return "http://127.0.0.1:" + port;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("boxoffice.elasticsearch.url", address());
	}

	@Override
	public void stop() {
		ProcessRecords.stop(process.toHandle(), Duration.ofSeconds(20));
		records.forget("elasticsearch");
		records.forget("elasticsearch-launcher");
	}
}
