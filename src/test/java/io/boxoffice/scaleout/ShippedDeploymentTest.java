package io.boxoffice.scaleout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import io.boxoffice.support.LocalNginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What can be checked of docker/ without a Docker engine (there is none here, so the compose file is never started):
 * the balancers accept their shipped configs, and the compose file has the shape the scale-out depends on. Each
 * assertion names the failure it guards against.
 */
class ShippedDeploymentTest {

	static final Path DOCKER = Path.of("docker");
	static final Path HAPROXY = Path.of("/usr/sbin/haproxy");

	@Test
	void nginxAcceptsTheShippedConfigInFrontOfTwoInstances() throws Exception {
		assumeTrue(LocalNginx.installed(), "Debian's nginx (/usr/sbin/nginx) and openssl are not installed: apt-get install nginx");
		try (var nginx = LocalNginx.prepare(List.of(18081, 18082))) {
			var check = nginx.test();
			assertThat(check.exitCode()).as(check.output()).isZero();
		}
	}

	@Test
	void haproxyAcceptsTheShippedConfig(@TempDir Path directory) throws Exception {
		assumeTrue(Files.isExecutable(HAPROXY), "Debian's haproxy (/usr/sbin/haproxy) is not installed: apt-get install haproxy");
		Path key = directory.resolve("boxoffice.key");
		Path certificate = directory.resolve("boxoffice.crt");
		run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
				"-keyout", key.toString(), "-out", certificate.toString());
		Files.writeString(directory.resolve("boxoffice.pem"), Files.readString(certificate) + Files.readString(key));
		String config = read("haproxy.cfg");
		assertThat(config).contains("/usr/local/etc/haproxy/certs/");
		Path copy = directory.resolve("haproxy.cfg");
		Files.writeString(copy, config.replace("/usr/local/etc/haproxy/certs/", directory + "/"));

		var check = run(HAPROXY.toString(), "-c", "-f", copy.toString());
		assertThat(check.exit()).as(check.output()).isZero();
		assertThat(check.output()).contains("Configuration file is valid");
	}

	@Test
	void bothBalancersSpreadWebSocketsByOpenConnectionsAndOverwriteForwardedFor() throws IOException {
		String nginx = read("nginx.conf");
		assertThat(nginx).as("nginx: fewest connections first").contains("least_conn;")
			.as("nginx: WebSocket upgrade").contains("proxy_set_header Upgrade $http_upgrade;")
			.contains("proxy_set_header Connection $connection_upgrade;")
			.as("nginx: X-Forwarded-For overwritten, not appended").contains("proxy_set_header X-Forwarded-For $remote_addr;")
			.doesNotContain("$proxy_add_x_forwarded_for")
			.as("nginx: a quiet WebSocket outlives the heartbeat").contains("proxy_read_timeout 1h;");
		String haproxy = read("haproxy.cfg");
		assertThat(haproxy).as("haproxy: fewest connections first").contains("balance leastconn")
			.as("haproxy: X-Forwarded-For overwritten").contains("http-request set-header X-Forwarded-For %[src]")
			.doesNotContain("option forwardfor")
			.as("haproxy: a quiet WebSocket outlives the heartbeat").contains("timeout tunnel 1h")
			.as("haproxy: replicas checked for readiness").contains("option httpchk GET /actuator/health/readiness");
	}

	@Test
	void everyServiceHasAHealthCheckAndTheAppWaitsForHealthyServices() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> app = services.get("app");
		Map<String, Map<String, Object>> dependsOn = map(app.get("depends_on"));
		for (String service : List.of("postgres", "redis", "kafka", "elasticsearch")) {
			assertThat(dependsOn.get(service)).as("app depends on a healthy %s", service).containsEntry("condition", "service_healthy");
		}
		services.forEach((name, service) -> {
			boolean job = dependsOn.containsKey(name) && "service_completed_successfully".equals(dependsOn.get(name).get("condition"));
			if (!job) {
				assertThat(service).as("service %s has a health check", name).containsKey("healthcheck");
			}
		});
		assertThat(String.join(" ", strings(map(app.get("healthcheck")).get("test")))).as("the app's check is its readiness")
			.contains("/actuator/health/readiness");
		assertThat(Integer.parseInt(String.valueOf(map(app.get("deploy")).get("replicas")).replaceAll("\\$\\{[A-Z_]+:-(\\d+)}", "$1")))
			.as("replicas by default").isGreaterThanOrEqualTo(2);
		for (String balancer : List.of("lb", "lb-haproxy")) {
			assertThat(map(map(services.get(balancer).get("depends_on")).get("app"))).containsEntry("condition", "service_healthy");
		}
	}

	@Test
	void kafkaAdvertisesToContainersTheAddressTheAppConnectsTo() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> kafka = map(services.get("kafka").get("environment"));
		String bootstrap = (String) map(services.get("app").get("environment")).get("BOXOFFICE_KAFKA_BOOTSTRAP_SERVERS");
		String bootstrapPort = bootstrap.substring(bootstrap.lastIndexOf(':') + 1);
		Map<String, String> listenerPorts = listeners((String) kafka.get("KAFKA_LISTENERS"));
		Map<String, String> advertised = listeners((String) kafka.get("KAFKA_ADVERTISED_LISTENERS"));
		String listener = listenerPorts.entrySet().stream().filter(entry -> entry.getValue().endsWith(":" + bootstrapPort))
			.map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no Kafka listener on the app's port " + bootstrapPort));

		assertThat(advertised.get(listener)).as("what listener %s advertises to the app's containers", listener)
			.isEqualTo(bootstrap).doesNotContain("localhost").doesNotContain("127.0.0.1");
		assertThat(advertised.values()).as("a listener for tools on the host").anyMatch(address -> address.startsWith("localhost:"));
		assertThat((String) kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME")).isEqualTo(listener);
	}

	@Test
	void everyStatefulServiceKeepsItsDataInANamedVolume() throws IOException {
		Map<String, Object> compose = compose();
		Map<String, Map<String, Object>> services = map(compose.get("services"));
		Map<String, Object> volumes = map(compose.get("volumes"));
		Map<String, String> dataDirectories = Map.of("postgres", "/var/lib/postgresql", "redis", "/data", "kafka", "/var/lib/kafka/data",
				"elasticsearch", "/usr/share/elasticsearch/data", "redis-1", "/data", "redis-2", "/data", "redis-3", "/data");
		dataDirectories.forEach((service, directory) -> {
			String mount = strings(services.get(service).get("volumes")).stream().filter(volume -> volume.endsWith(":" + directory))
				.findFirst().orElseThrow(() -> new AssertionError(service + " keeps " + directory + " in no volume"));
			assertThat(volumes).as("volume of %s", service).containsKey(mount.substring(0, mount.indexOf(':')));
		});
		assertThat((String) map(services.get("kafka").get("environment")).get("KAFKA_LOG_DIRS")).isEqualTo("/var/lib/kafka/data");
	}

	@Test
	void theClusterProfileHasThreeMastersWithNotificationsAndTheAppFindsThemByBootsProperties() throws IOException {
		Map<String, Map<String, Object>> services = services();
		for (String node : List.of("redis-1", "redis-2", "redis-3")) {
			Map<String, Object> service = services.get(node);
			assertThat(strings(service.get("profiles"))).containsExactly("cluster");
			assertThat(String.join(" ", strings(service.get("command"))))
				.contains("--cluster-enabled yes").contains("--notify-keyspace-events Ktx");
		}
		assertThat(String.join(" ", strings(services.get("redis").get("command")))).contains("--notify-keyspace-events Ktx");
		Map<String, Object> init = services.get("redis-cluster-init");
		assertThat(strings(init.get("profiles"))).containsExactly("cluster");
		assertThat(String.join(" ", strings(init.get("command")))).contains("--cluster create").contains("--cluster-replicas 0");

		assertThat(strings(services.get("app").get("env_file"))).containsExactly("redis-${BOXOFFICE_REDIS:-standalone}.env");
		Properties cluster = envFile("redis-cluster.env");
		assertThat(cluster.getProperty("SPRING_DATA_REDIS_CLUSTER_NODES")).isEqualTo("redis-1:6379,redis-2:6379,redis-3:6379");
		assertThat(cluster).doesNotContainKey("SPRING_DATA_REDIS_HOST");
		assertThat(envFile("redis-standalone.env").getProperty("SPRING_DATA_REDIS_HOST")).isEqualTo("redis");
	}

	@Test
	void theAppTrustsForwardedHeadersFromItsBalancersOnly() throws IOException {
		Map<String, Map<String, Object>> services = services();
		List<String> trusted = Arrays.asList(((String) map(services.get("app").get("environment")).get("BOXOFFICE_EDGE_TRUSTED_PROXIES"))
			.split(","));
		List<String> balancers = List.of("lb", "lb-haproxy").stream()
			.map(name -> (String) map(map(map(services.get(name).get("networks")).get("default"))).get("ipv4_address")).toList();
		assertThat(trusted).containsExactlyInAnyOrderElementsOf(balancers);
		assertThat(map(services.get("app").get("environment"))).doesNotContainKey("SERVER_FORWARD_HEADERS_STRATEGY");
	}

	private static Map<String, String> listeners(String spec) {
		var byName = new LinkedHashMap<String, String>();
		for (String listener : spec.split(",")) {
			String[] parts = listener.trim().split("://", 2);
			byName.put(parts[0], parts[1]);
		}
		return byName;
	}

	private static Map<String, Object> compose() throws IOException {
		return new Yaml().load(read("compose.yaml"));
	}

	private static Map<String, Map<String, Object>> services() throws IOException {
		return map(compose().get("services"));
	}

	private static Properties envFile(String name) throws IOException {
		var properties = new Properties();
		properties.load(Files.newBufferedReader(DOCKER.resolve(name)));
		return properties;
	}

	private static String read(String name) throws IOException {
		return Files.readString(DOCKER.resolve(name));
	}

	@SuppressWarnings("unchecked")
	private static <V> Map<String, V> map(Object yaml) {
		assertThat(yaml).isInstanceOf(Map.class);
		return (Map<String, V>) yaml;
	}

	@SuppressWarnings("unchecked")
	private static List<String> strings(Object yaml) {
		assertThat(yaml).isInstanceOf(List.class);
		return ((List<Object>) yaml).stream().map(String::valueOf).toList();
	}

	private record Result(int exit, String output) {
	}

	private static Result run(String... command) throws IOException, InterruptedException {
		var process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		return new Result(process.waitFor(), output);
	}
}
