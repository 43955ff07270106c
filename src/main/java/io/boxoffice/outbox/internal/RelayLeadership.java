package io.boxoffice.outbox.internal;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Relay leadership: a session-level {@code pg_try_advisory_lock} held on a dedicated connection (not
 * one from the pool), which also LISTENs for {@code NOTIFY outbox}. Postgres releases the lock when
 * that session ends, so if the connection dies the leadership is gone and another instance takes it.
 */
@Component
class RelayLeadership {

	private final ConnectionFactory dedicated;
	private final OutboxSettings settings;

	RelayLeadership(Environment environment, OutboxSettings settings) {
		this.settings = settings;
		var options = ConnectionFactoryOptions.parse(environment.getRequiredProperty("spring.r2dbc.url")).mutate();
		String user = environment.getProperty("spring.r2dbc.username");
		String password = environment.getProperty("spring.r2dbc.password");
		if (user != null) {
			options.option(ConnectionFactoryOptions.USER, user);
		}
		if (password != null) {
			options.option(ConnectionFactoryOptions.PASSWORD, password);
		}
		this.dedicated = ConnectionFactories.get(options.build());
	}

	/**
	 * While this instance is the leader, runs {@code whileLeader} with a flux of wake-ups (one per NOTIFY)
	 * and a liveness check of the session that holds the lock; completes at once if another instance leads.
	 */
	<T> Flux<T> lead(LeaderWork<T> whileLeader) {
		return Flux.usingWhen(Mono.from(dedicated.create()).cast(PostgresqlConnection.class),
				connection -> tryLock(connection).flatMapMany(locked -> !locked ? Flux.<T>empty()
						: listen(connection).thenMany(whileLeader.run(
								connection.getNotifications().map(notification -> Boolean.TRUE)
									.concatWith(Mono.error(new LeadershipLost("the LISTEN connection closed"))),
								alive(connection)))),
				connection -> connection.close());
	}

	private Mono<Boolean> tryLock(PostgresqlConnection connection) {
		return Flux.from(connection.createStatement("SELECT pg_try_advisory_lock($1) AS locked")
				.bind("$1", settings.lockKey()).execute())
			.flatMap(result -> result.map((row, meta) -> row.get("locked", Boolean.class)))
			.next();
	}

	private Mono<Void> listen(PostgresqlConnection connection) {
		return Flux.from(connection.createStatement("LISTEN outbox").execute()).flatMap(result -> result.getRowsUpdated()).then();
	}

	private Mono<Void> alive(PostgresqlConnection connection) {
		return Flux.defer(() -> connection.createStatement("SELECT 1").execute())
			.flatMap(result -> result.getRowsUpdated())
			.then()
			.timeout(settings.leaderRetry())
			.onErrorMap(error -> new LeadershipLost("the leader's connection failed: " + error));
	}

	interface LeaderWork<T> {
		Flux<T> run(Flux<Boolean> notifications, Mono<Void> stillLeader);
	}

	static final class LeadershipLost extends RuntimeException {
		LeadershipLost(String message) {
			super(message);
		}
	}
}
