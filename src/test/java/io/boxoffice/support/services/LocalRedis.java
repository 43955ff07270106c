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
		Files.createDirectories(home);
		Path pidFile = home.resolve("redis.pid");
		Files.deleteIfExists(pidFile);
		int port = FreePorts.next();
		var redis = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(port)
			.setting("dir " + home.toAbsolutePath())
			.setting("pidfile " + pidFile.toAbsolutePath())
			.setting("notify-keyspace-events KEA")
			// Redis is a rebuildable cache here (Postgres is the truth): no persistence.
			.setting("save \"\"")
			.setting("appendonly no")
			.setting("maxmemory-policy noeviction")
			.build();
		redis.start();
		records.record("redis", readPid(pidFile), home);
		return new LocalRedis(redis, port, records);
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
