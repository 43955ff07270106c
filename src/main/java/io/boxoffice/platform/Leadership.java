package io.boxoffice.platform;

import java.time.Duration;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one way to elect a leader among the instances, for work that must run once per deployment (the outbox relay,
 * prompt hold expiry): a session-level {@code pg_try_advisory_lock} held on a dedicated connection (not one from the
 * pool), one per lock key, which may also LISTEN on a channel. Postgres releases the lock when that session ends, so
 * if the connection (or the instance) dies the leadership is gone and another instance takes it.
 */
@Component
public class Leadership {

	private final ConnectionFactory dedicated;

	Leadership(Environment environment) {
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
	 * While this instance holds {@code lockKey}, runs {@code whileLeader} with a flux of wake-ups (one per NOTIFY on
	 * {@code listenChannel}, none when it is null) that fails with {@link LeadershipLost} when the session ends, and a
	 * liveness check of that session (failing past {@code checkTimeout}); completes at once if another instance leads.
	 * The lock is released when the returned flux ends, however it ends.
	 */
	public <T> Flux<T> lead(long lockKey, String listenChannel, Duration checkTimeout, LeaderWork<T> whileLeader) {
		return Flux.usingWhen(Mono.from(dedicated.create()).cast(PostgresqlConnection.class),
				connection -> tryLock(connection, lockKey).flatMapMany(locked -> !locked ? Flux.<T>empty()
						: listen(connection, listenChannel).thenMany(whileLeader.run(
								connection.getNotifications().map(notification -> Boolean.TRUE)
									.concatWith(Mono.error(new LeadershipLost("the leader's session closed"))),
								alive(connection, checkTimeout)))),
				connection -> connection.close());
	}

	private Mono<Boolean> tryLock(PostgresqlConnection connection, long lockKey) {
		return Flux.from(connection.createStatement("SELECT pg_try_advisory_lock($1) AS locked").bind("$1", lockKey).execute())
			.flatMap(result -> result.map((row, meta) -> row.get("locked", Boolean.class)))
			.next();
	}

	private Mono<Void> listen(PostgresqlConnection connection, String channel) {
		if (channel == null) {
			return Mono.empty();
		}
		if (!channel.matches("[a-z_]+")) {
			throw new IllegalArgumentException("LISTEN takes an identifier, not " + channel);
		}
		return Flux.from(connection.createStatement("LISTEN " + channel).execute()).flatMap(result -> result.getRowsUpdated()).then();
	}

	private Mono<Void> alive(PostgresqlConnection connection, Duration checkTimeout) {
		return Flux.defer(() -> connection.createStatement("SELECT 1").execute())
			.flatMap(result -> result.getRowsUpdated())
			.then()
			.timeout(checkTimeout)
			.onErrorMap(error -> new LeadershipLost("the leader's connection failed: " + error));
	}

	/** The work of a leader: {@code notifications} fails when the leadership is lost, {@code stillLeader} checks it. */
	public interface LeaderWork<T> {

		Flux<T> run(Flux<Boolean> notifications, Mono<Void> stillLeader);
	}

	/** The leader's session ended or stopped answering: whatever it led must stop, another instance may lead now. */
	public static final class LeadershipLost extends RuntimeException {

		LeadershipLost(String message) {
			super(message);
		}
	}
}
