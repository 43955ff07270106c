package io.boxoffice.support.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** PostgreSQL 18 from Maven Central binaries (zonky), data kept under the services directory. */
final class LocalPostgres implements BackingService {

	static final String DATABASE = "boxoffice";

	private final EmbeddedPostgres postgres;
	private final long postmasterPid;
	private final ProcessRecords records;

	private LocalPostgres(EmbeddedPostgres postgres, long postmasterPid, ProcessRecords records) {
		this.postgres = postgres;
		this.postmasterPid = postmasterPid;
		this.records = records;
	}

	static LocalPostgres start(Path home, Path binaries, ProcessRecords records) throws IOException {
		Path data = home.resolve("data");
		stopStalePostmaster(data);
		var postgres = EmbeddedPostgres.builder()
			.setOverrideWorkingDirectory(binaries.toFile())
			.setDataDirectory(data)
			.setCleanDataDirectory(false)
			.setRegisterShutdownHook(false)
			.setPort(FreePorts.next())
			.setPGStartupWait(Duration.ofSeconds(60))
			// Local data is disposable: trade durability for speed.
			.setServerConfig("fsync", "off")
			.setServerConfig("synchronous_commit", "off")
			.setServerConfig("full_page_writes", "off")
			.setServerConfig("max_connections", "200")
			.start();
		long pid = postmasterPid(data);
		records.record("postgres", pid, data);
		createDatabase(postgres);
		return new LocalPostgres(postgres, pid, records);
	}

	/** A killed JVM can leave a postmaster holding the data directory; pg_ctl would refuse to start. */
	private static void stopStalePostmaster(Path data) throws IOException {
		Path pidFile = data.resolve("postmaster.pid");
		if (Files.exists(pidFile)) {
			ProcessHandle.of(readPid(pidFile))
				.filter(p -> ProcessRecords.belongsTo(p, data))
				.ifPresent(p -> ProcessRecords.stop(p, Duration.ofSeconds(15)));
		}
	}

	private static long postmasterPid(Path data) throws IOException {
		return readPid(data.resolve("postmaster.pid"));
	}

	private static long readPid(Path pidFile) throws IOException {
		return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
	}

	private static void createDatabase(EmbeddedPostgres postgres) {
		try (var connection = postgres.getPostgresDatabase().getConnection();
				var statement = connection.createStatement();
				var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
			if (!exists.next()) {
				statement.execute("CREATE DATABASE " + DATABASE);
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException("could not create database " + DATABASE, e);
		}
	}

	@Override
	public String name() {
		return "PostgreSQL";
	}

	@Override
	public String address() {
		return "127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
	}

	@Override
	public Map<String, Object> properties() {
		String hostAndDb = "//127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
		return Map.of(
				"spring.r2dbc.url", "r2dbc:postgresql:" + hostAndDb,
				"spring.r2dbc.username", "postgres",
				"spring.r2dbc.password", "",
				"spring.flyway.url", "jdbc:postgresql:" + hostAndDb,
				"spring.flyway.user", "postgres",
				"spring.flyway.password", "");
	}

	@Override
	public void stop() {
		try {
			postgres.close();
			// pg_ctl returns once the pid file is gone, a moment before the postmaster has exited.
			ProcessHandle.of(postmasterPid).ifPresent(p -> ProcessRecords.stop(p, Duration.ofSeconds(10)));
			records.forget("postgres");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
