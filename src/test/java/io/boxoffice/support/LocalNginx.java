package io.boxoffice.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.boxoffice.support.services.FreePorts;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx ({@code apt-get install nginx}) running a temporary copy of the shipped {@code docker/nginx.conf}
 * in front of the application under test: the same directives, with local ports, a certificate made for the test
 * and writable temporary paths. Every substitution must find its target, so a changed shipped config fails loudly
 * instead of being tested half.
 */
public final class LocalNginx implements AutoCloseable {

	public static final Path BINARY = Path.of("/usr/sbin/nginx");
	public static final Path SHIPPED_CONFIG = Path.of("docker/nginx.conf");
	private static final Pattern UPSTREAM_SERVER = Pattern.compile("server app:8080([^;]*);");

	private final Path directory;
	private final int httpPort;
	private final int httpsPort;
	private Process process;

	private LocalNginx(Path directory, int httpPort, int httpsPort) {
		this.directory = directory;
		this.httpPort = httpPort;
		this.httpsPort = httpsPort;
	}

	public static boolean installed() {
		return Files.isExecutable(BINARY) && onPath("openssl");
	}

	/** Writes the test copy of the shipped config, in front of the application at 127.0.0.1:{@code appPort}. */
	public static LocalNginx prepare(int appPort) throws IOException, InterruptedException {
		return prepare(List.of(appPort));
	}

	/**
	 * Writes the test copy of the shipped config in front of several instances at 127.0.0.1: the shipped upstream
	 * server line once per port, with its parameters ({@code max_fails}, …) kept.
	 */
	public static LocalNginx prepare(List<Integer> appPorts) throws IOException, InterruptedException {
		Path directory = Files.createTempDirectory("boxoffice-nginx");
		var nginx = new LocalNginx(directory, FreePorts.next(), FreePorts.next());
		Files.createDirectories(directory.resolve("certs"));
		run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
				"-keyout", directory.resolve("certs/boxoffice.key").toString(),
				"-out", directory.resolve("certs/boxoffice.crt").toString()));
		String config = Files.readString(SHIPPED_CONFIG);
		var upstream = UPSTREAM_SERVER.matcher(config);
		if (!upstream.find()) {
			throw new IllegalStateException("The shipped nginx config no longer has a 'server app:8080…;' line; update LocalNginx");
		}
		String parameters = upstream.group(1);
		String servers = appPorts.stream().map(port -> "server 127.0.0.1:" + port + parameters + ";")
			.collect(Collectors.joining("\n    "));
		config = config.substring(0, upstream.start()) + servers + config.substring(upstream.end());
		config = replace(config, "listen 80;", "listen 127.0.0.1:" + nginx.httpPort + ";");
		config = replace(config, "listen 443 ssl;", "listen 127.0.0.1:" + nginx.httpsPort + " ssl;");
		config = replace(config, "/etc/nginx/certs/", directory.resolve("certs") + "/");
		String temp = directory.resolve("tmp").toString();
		config = replace(config, "http {", "http {\n  access_log off;\n  client_body_temp_path " + temp + "/body;\n"
				+ "  proxy_temp_path " + temp + "/proxy;\n  fastcgi_temp_path " + temp + "/fastcgi;\n"
				+ "  uwsgi_temp_path " + temp + "/uwsgi;\n  scgi_temp_path " + temp + "/scgi;");
		Files.createDirectories(directory.resolve("tmp"));
		Files.writeString(directory.resolve("nginx.conf"), config);
		return nginx;
	}

	/** {@code nginx -t} on the test copy: the exit code and what nginx said. */
	public Result test() throws IOException, InterruptedException {
		return run(command("-t"));
	}

	public LocalNginx start() throws IOException {
		var builder = new ProcessBuilder(command("-g", "daemon off;"));
		builder.redirectErrorStream(true);
		builder.redirectOutput(directory.resolve("nginx.log").toFile());
		process = builder.start();
		await().atMost(Duration.ofSeconds(20)).until(() -> accepts(httpsPort) && accepts(httpPort));
		return this;
	}

	public int httpPort() {
		return httpPort;
	}

	public int httpsPort() {
		return httpsPort;
	}

	public String log() throws IOException {
		Path log = directory.resolve("nginx.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	@Override
	public void close() throws IOException, InterruptedException {
		if (process != null) {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

	public record Result(int exitCode, String output) {
	}

	private List<String> command(String... extra) {
		var command = new ArrayList<>(List.of(BINARY.toString(), "-p", directory.toString(), "-c",
				directory.resolve("nginx.conf").toString(), "-e", "stderr"));
		if (extra.length > 0 && extra[0].equals("-g")) {
			command.add("-g");
			command.add("pid " + directory.resolve("nginx.pid") + "; " + extra[1]);
		}
		else {
			command.add("-g");
			command.add("pid " + directory.resolve("nginx.pid") + ";");
			command.addAll(List.of(extra));
		}
		return command;
	}

	private static String replace(String config, String target, String replacement) {
		if (!config.contains(target)) {
			throw new IllegalStateException("The shipped nginx config no longer contains '" + target + "'; update LocalNginx");
		}
		return config.replace(target, replacement);
	}

	private static Result run(List<String> command) throws IOException, InterruptedException {
		var process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		int exit = process.waitFor();
		if (exit != 0 && command.get(0).equals("openssl")) {
			throw new IllegalStateException("openssl failed: " + output);
		}
		return new Result(exit, output);
	}

	private static boolean accepts(int port) {
		try (var socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException notYet) {
			return false;
		}
	}

	private static boolean onPath(String program) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
			.anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
	}
}
