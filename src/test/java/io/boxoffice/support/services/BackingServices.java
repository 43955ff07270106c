package io.boxoffice.support.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import org.springframework.core.env.StandardEnvironment;

/**
 * PostgreSQL, Redis (keyspace notifications on), Kafka (KRaft), Elasticsearch 8.19 and an SMTP server for the tests and
 * the demo run command, started once per JVM on free ports and stopped on exit (also on Ctrl-C).
 *
 * <p>Each service comes from the first of: configuration pointing at existing infrastructure (e.g.
 * {@code SPRING_R2DBC_URL}), Testcontainers when a Docker engine answers, or a real local process from
 * Maven Central artifacts. Local processes keep their data under {@code target/backing-services/<mode>}
 * and record their pids there, so a JVM that was killed (no shutdown hooks) has its orphans stopped by
 * the next start.
 */
public final class BackingServices {

	/** {@code TEST} starts from empty data every time; {@code DEMO} keeps its data between runs. */
	public enum Mode {
		TEST, DEMO
	}

	private static final Logger log = LoggerFactory.getLogger(BackingServices.class);
	private static final String OWNER_FILE = "owner.jvm";
	private static BackingServices running;

	private final Path directory;
	private final List<BackingService> services;

	private BackingServices(Path directory, List<BackingService> services) {
		this.directory = directory;
		this.services = services;
	}

	/** Starts the services for this JVM, or returns the ones already started. */
	public static synchronized BackingServices start(Mode mode) {
		if (running == null) {
			running = startAll(mode);
			Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "backing-services-stop"));
		}
		return running;
	}

	public Map<String, Object> properties() {
		var properties = new LinkedHashMap<String, Object>();
		services.forEach(s -> properties.putAll(s.properties()));
		return properties;
	}

	/** One line per service started here, for the start-up banner. */
	public List<String> describe() {
		return services.stream().map(s -> String.format("%-14s %s", s.name(), s.address())).toList();
	}

	/** Where the local processes keep their data and pid records. */
	public Path directory() {
		return directory;
	}

	private static BackingServices startAll(Mode mode) {
		Path root = Path.of(System.getProperty("boxoffice.services.dir", "target/backing-services")).toAbsolutePath();
		Path directory = root.resolve(mode.name().toLowerCase());
		claim(directory);
		var records = new ProcessRecords(directory);
		int orphans = records.stopOrphans();
		if (orphans > 0) {
			log.warn("Stopped {} orphaned backing-service process(es) under {}", orphans, directory);
		}
		if (mode == Mode.TEST) {
			deleteContentsExcept(directory, OWNER_FILE);
		}
		var configured = new StandardEnvironment();
		boolean docker = useContainers();
		var starters = new ArrayList<Callable<BackingService>>();
		if (!configured.containsProperty("spring.r2dbc.url")) {
			starters.add(docker ? ContainerServices::postgres
					: () -> LocalPostgres.start(directory.resolve("postgres"), root.resolve("postgres-binaries"), records));
		}
		if (!configured.containsProperty("spring.data.redis.host") && !configured.containsProperty("spring.data.redis.url")) {
			if (redisCluster()) {
				starters.add(() -> LocalRedisCluster.start(directory.resolve("redis-cluster"), records));
			}
			else {
				starters.add(docker ? ContainerServices::redis : () -> LocalRedis.start(directory.resolve("redis"), records));
			}
		}
		if (!configured.containsProperty("boxoffice.kafka.bootstrap-servers")) {
			starters.add(docker ? ContainerServices::kafka : LocalKafka::start);
		}
		if (!configured.containsProperty("boxoffice.elasticsearch.url")) {
			starters.add(docker ? ContainerServices::elasticsearch
					: () -> LocalElasticsearch.start(elasticsearchHome(), directory.resolve("elasticsearch"), records));
		}
		if (!configured.containsProperty("boxoffice.stripe.api-base")) {
			// Stripe's API faked inside this JVM (stripe-mock is not installable here); see LocalStripe.
			starters.add(() -> LocalStripe.start(mode));
		}
		if (!configured.containsProperty("spring.mail.host")) {
			starters.add(LocalMail::start);
		}
		return new BackingServices(directory, startInParallel(starters));
	}

	/**
	 * {@code BOXOFFICE_REDIS_MODE=cluster}: a local three-master Redis Cluster instead of one Redis (docs/redis.md,
	 * "Running the cluster tests"); always from the local binary, containers or not.
	 */
	public static boolean redisCluster() {
		return "cluster".equalsIgnoreCase(System.getenv().getOrDefault("BOXOFFICE_REDIS_MODE", "standalone"));
	}

	private static boolean useContainers() {
		String choice = System.getenv().getOrDefault("BOXOFFICE_SERVICES", "auto");
		return switch (choice) {
			case "local" -> false;
			case "containers" -> true;
			// Asking Testcontainers logs errors when there is no engine; skip it where none can be.
			default -> (System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock")))
					&& DockerClientFactory.instance().isDockerAvailable();
		};
	}

	private static List<BackingService> startInParallel(List<Callable<BackingService>> starters) {
		var executor = Executors.newFixedThreadPool(Math.max(1, starters.size()));
		try {
			List<Future<BackingService>> futures = starters.stream().map(executor::submit).toList();
			var started = new ArrayList<BackingService>();
			RuntimeException failure = null;
			for (Future<BackingService> future : futures) {
				try {
					started.add(future.get());
				}
				catch (ExecutionException | InterruptedException e) {
					failure = new IllegalStateException("a backing service failed to start", e.getCause() != null ? e.getCause() : e);
				}
			}
			if (failure != null) {
				started.forEach(BackingServices::stopQuietly);
				throw failure;
			}
			return List.copyOf(started);
		}
		finally {
			executor.shutdown();
		}
	}

	/** Two JVMs must not share one services directory: the second would stop the first one's processes. */
	private static void claim(Path directory) {
		try {
			Files.createDirectories(directory);
			Path owner = directory.resolve(OWNER_FILE);
			if (Files.exists(owner)) {
				long pid = Long.parseLong(Files.readString(owner).trim());
				boolean alive = pid != ProcessHandle.current().pid() && ProcessHandle.of(pid)
					.flatMap(p -> p.info().command())
					.map(command -> command.contains("java"))
					.orElse(false);
				if (alive) {
					throw new IllegalStateException("Another JVM (pid " + pid + ") is using the backing services in " + directory
							+ "; stop it first, or point -Dboxoffice.services.dir elsewhere");
				}
			}
			Files.writeString(owner, Long.toString(ProcessHandle.current().pid()));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static Path elasticsearchHome() throws IOException {
		String configured = System.getProperty("boxoffice.elasticsearch.home");
		if (configured != null) {
			return Path.of(configured).toAbsolutePath();
		}
		Path unpacked = Path.of("target/elasticsearch").toAbsolutePath();
		if (Files.isDirectory(unpacked)) {
			try (Stream<Path> homes = Files.list(unpacked)) {
				return homes.filter(Files::isDirectory).findFirst().orElse(unpacked);
			}
		}
		return unpacked;
	}

	private void stop() {
		// Reverse start order is not needed: the application is already closed when the hook runs.
		services.parallelStream().forEach(BackingServices::stopQuietly);
		try {
			Files.deleteIfExists(directory.resolve(OWNER_FILE));
		}
		catch (IOException e) {
			log.warn("Could not remove {}", directory.resolve(OWNER_FILE), e);
		}
	}

	private static void stopQuietly(BackingService service) {
		try {
			service.stop();
		}
		catch (RuntimeException e) {
			log.warn("Could not stop {} cleanly", service.name(), e);
		}
	}

	private static void deleteContentsExcept(Path directory, String keep) {
		try (Stream<Path> walk = Files.walk(directory)) {
			walk.sorted(Comparator.reverseOrder())
				.filter(p -> !p.equals(directory) && !p.getFileName().toString().equals(keep))
				.forEach(p -> p.toFile().delete());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
