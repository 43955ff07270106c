package io.boxoffice;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import io.boxoffice.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The timeouts every deployment gets by default: each pooled database connection carries a statement timeout (one
 * stuck query cannot hold a connection for ever), and the server closes connections idle between requests
 * (ProxiedClientsIT shows a short one closing a connection that never sends anything).
 */
@IntegrationTest
class ServerTimeoutsIT {

	@Autowired
	DatabaseClient db;

	@Autowired
	Environment environment;

	@Test
	void pooledConnectionsHaveTheConfiguredStatementTimeout() {
		String timeout = db.sql("SHOW statement_timeout").map((row, meta) -> row.get(0, String.class)).one().block();
		assertThat(timeout).isEqualTo("30s");
	}

	@Test
	void theServerHasAnIdleTimeoutByDefault() {
		assertThat(environment.getProperty("server.netty.idle-timeout", Duration.class)).isEqualTo(Duration.ofSeconds(60));
	}
}
