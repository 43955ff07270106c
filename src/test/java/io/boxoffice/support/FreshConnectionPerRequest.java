package io.boxoffice.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;

/**
 * WORKAROUND for an open bug, not a design choice: intermittently (about one full run in three) the
 * server never reads the next request on a kept-alive connection. Seen with {@code ss}: 167 bytes in
 * the server socket's receive queue while every event loop slept and Postgres sat idle. It happened with
 * both the epoll and NIO transports. Until it is found, test requests do not reuse connections; remove
 * this class to reproduce (loop {@code ./mvnw verify}).
 */
@TestConfiguration(proxyBeanMethods = false)
class FreshConnectionPerRequest {

	@Bean
	WebTestClientBuilderCustomizer closeConnectionAfterEachRequest() {
		return builder -> builder.defaultHeader(HttpHeaders.CONNECTION, "close");
	}
}
