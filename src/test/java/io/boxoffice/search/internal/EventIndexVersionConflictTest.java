package io.boxoffice.search.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.sun.net.httpserver.HttpServer;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import co.elastic.clients.json.jackson.Jackson3JsonpMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 409 that reaches the indexer as the low-level client's {@link ResponseException} (not parsed into an
 * {@code ElasticsearchException}) is a version conflict, i.e. done; any other status stays an error. The
 * exceptions here are real: a real {@link RestClient} and the real async client talk to an HTTP server that
 * answers every request with the chosen status and a body that is not an Elasticsearch error document.
 */
class EventIndexVersionConflictTest {

	private HttpServer server;
	private RestClient restClient;

	@AfterEach
	void stop() throws IOException {
		if (restClient != null) {
			restClient.close();
		}
		if (server != null) {
			server.stop(0);
		}
	}

	@Test
	void theLowLevelResponseExceptionFor409IsAVersionConflict() throws IOException {
		start(409);
		ResponseException conflict = lowLevelError();
		assertThat(conflict.getResponse().getStatusLine().getStatusCode()).isEqualTo(409);

		assertThat(EventIndex.versionConflict(conflict)).isTrue();
		assertThat(EventIndex.versionConflict(new java.util.concurrent.CompletionException(new RuntimeException(conflict)))).isTrue();

		// As the async client hands it on: not parsed, the ResponseException is a cause.
		Throwable fromClient = asyncClientError();
		assertThat(fromClient).isNotInstanceOf(co.elastic.clients.elasticsearch._types.ElasticsearchException.class)
			.hasCauseInstanceOf(ResponseException.class);
		assertThat(EventIndex.versionConflict(fromClient)).isTrue();
	}

	@Test
	void otherStatusesAreNotVersionConflicts() throws IOException {
		start(500);
		ResponseException failure = lowLevelError();
		assertThat(failure.getResponse().getStatusLine().getStatusCode()).isEqualTo(500);
		assertThat(EventIndex.versionConflict(failure)).isFalse();
		Throwable fromClient = asyncClientError();
		assertThat(fromClient).hasCauseInstanceOf(ResponseException.class);
		assertThat(EventIndex.versionConflict(fromClient)).isFalse();
	}

	private Throwable asyncClientError() {
		var client = new ElasticsearchAsyncClient(new RestClientTransport(restClient, new Jackson3JsonpMapper()));
		Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> EventIndex
			.call(() -> client.index(b -> b.index("events").id("1").versionType(VersionType.External).version(3L).document(document())))
			.block(Duration.ofSeconds(10)));
		assertThat(error).as("the client reports the status as an error").isNotNull();
		return error;
	}

	@Test
	void theIndexerWriteTreatsA409FromTheRealClientAsDone() throws IOException {
		start(409);
		StepVerifier.create(eventIndex().put(document(), VersionType.External)).expectComplete().verify(Duration.ofSeconds(10));
	}

	@Test
	void theIndexerWriteFailsOnA500FromTheRealClient() throws IOException {
		start(500);
		StepVerifier.create(eventIndex().put(document(), VersionType.External))
			.expectErrorSatisfies(error -> assertThat(EventIndex.versionConflict(error)).isFalse())
			.verify(Duration.ofSeconds(10));
	}

	private void start(int status) throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.createContext("/", exchange -> {
			byte[] body = ("answered " + status).getBytes(StandardCharsets.UTF_8);
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Content-Type", "text/plain");
			exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		restClient = RestClient.builder(new HttpHost("127.0.0.1", server.getAddress().getPort(), "http")).build();
	}

	private ResponseException lowLevelError() {
		return (ResponseException) org.assertj.core.api.Assertions.catchThrowable(() -> restClient.performRequest(new Request("PUT", "/events/_doc/1")));
	}

	private EventIndex eventIndex() {
		var client = new ElasticsearchAsyncClient(new RestClientTransport(restClient, new Jackson3JsonpMapper()));
		return new EventIndex(client, new SearchSettings("events", true, Duration.ofSeconds(1), 500, Duration.ofSeconds(1),
				Duration.ofSeconds(10), 20, 50, Duration.ofSeconds(10), 1000, "search.dead-letter"));
	}

	private static EventDocument document() {
		return new EventDocument(1, "Name", "Description", List.of("Performer"), "CONCERT", "London",
				new EventDocument.Venue(7, "Hall", "London"), new EventDocument.Location(51.5, -0.12), "2026-12-24T19:30:00Z",
				"2026-12-24T19:30:00", "Europe/London", "2026-11-01T10:00:00Z", 1000L, 2000L, "GBP", true, false, 3);
	}
}
