package io.boxoffice.support.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import redis.embedded.RedisServer;

/** Redis 6.2 from the embedded-redis artifact, with keyspace notifications on (the live seat map needs them). */
final class LocalRedis implements BackingService {

	private final RedisServer redis;
	private final int port;
	private final ProcessRecords records;

	private LocalRedis(RedisServer redis, int port, ProcessRecords records) {
		this.redis = redis;
		this.port = port;
		this.records = records;
	}

	static LocalRedis start(Path home, ProcessRecords records) throws IOException {
		int port = FreePorts.next();
		return new LocalRedis(startServer(home, port, records, "redis"), port, records);
	}

	/** One redis-server with the settings every test Redis has, plus {@code extraSettings} (a Cluster node's). */
	static RedisServer startServer(Path home, int port, ProcessRecords records, String recordName, String... extraSettings)
			throws IOException {
		Files.createDirectories(home);
		Path pidFile = home.resolve("redis.pid");
		Files.deleteIfExists(pidFile);
		var builder = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("dir " + home.toAbsolutePath())
			.setting("pidfile " + pidFile.toAbsolutePath())
			// Only what the live seat map listens to (keyspace channel; stream appends and expiries): every other
			// notification would cost Redis CPU on each hold for no listener (7% of its CPU per hold with KEA).
			.setting("notify-keyspace-events Ktx")
			// Redis is a rebuildable cache here (Postgres is the truth): no persistence.
			.setting("save \"\"")
			.setting("appendonly no")
			.setting("maxmemory-policy noeviction");
		for (String setting : extraSettings) {
			builder.setting(setting);
		}
		RedisServer redis = builder.build();
		startDespiteBusyBinary(redis);
		records.record(recordName, readPid(pidFile), home);
		return redis;
	}

	/**
	 * The artifact writes the redis-server binary to a temp file and runs it at once. If another thread forks a
	 * process (Postgres, Elasticsearch start alongside) while that file is still open for writing, the child holds
	 * the descriptor for a moment and exec fails with ETXTBSY ("Text file busy"). The child closes it as it execs
	 * its own program, so a short retry gets through.
	 */
	private static void startDespiteBusyBinary(RedisServer redis) throws IOException {
		for (int attempt = 1;; attempt++) {
			try {
				redis.start();
				return;
			}
			catch (IOException failure) {
				if (attempt == 5 || !textFileBusy(failure)) {
					throw failure;
				}
				try {
					Thread.sleep(100L * attempt); // a back-off before retrying a failed exec, not synchronisation
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw failure;
				}
			}
		}
	}

	private static boolean textFileBusy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("Text file busy")) {
				return true;
			}
		}
		return false;
	}

	/** Redis writes its pid file before it logs "ready", which {@code RedisServer.start()} waits for. */
	private static long readPid(Path pidFile) throws IOException {
		return Long.parseLong(Files.readString(pidFile).trim());
	}

	@Override
	public String name() {
		return "Redis";
	}

	@Override
	public String address() {
		return "127.0.0.1:" + port;
	}

	@Override
	public Map<String, Object> properties() {
		return Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", port);
	}

	@Override
	public void stop() {
		try {
			redis.stop();
			records.forget("redis");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
