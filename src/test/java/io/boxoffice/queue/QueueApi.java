package io.boxoffice.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.TestTokens;

import static org.awaitility.Awaitility.await;

/** The waiting-room and hold routes as a buyer and an admin call them, for the waiting-room tests. */
final class QueueApi {

	private final WebTestClient http;
	private final TestTokens tokens;

	QueueApi(WebTestClient http, TestTokens tokens) {
		this.http = http;
		this.tokens = tokens;
	}

	/** Sets mode and pace; {@code maxActiveBuyers} null for no cap. */
	void pace(long eventId, String mode, double admitsPerSecond, int burst, Integer maxActiveBuyers) {
		var body = new java.util.HashMap<String, Object>(Map.of("mode", mode, "admitsPerSecond", admitsPerSecond, "burst", burst));
		if (maxActiveBuyers != null) {
			body.put("maxActiveBuyers", maxActiveBuyers);
		}
		http.put().uri("/api/admin/events/{id}/queue", eventId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.admin("queue-admin")))
			.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
			.expectStatus().isOk();
	}

	WebTestClient.ResponseSpec join(String user, long eventId) {
		return http.post().uri("/api/events/{id}/queue", eventId).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> joined(String user, long eventId) {
		return join(user, eventId).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
	}

	String ticket(String user, long eventId) {
		return (String) joined(user, eventId).get("ticket");
	}

	WebTestClient.ResponseSpec place(String user, String ticket) {
		return http.get().uri("/api/queue/{ticket}", ticket).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	@SuppressWarnings("unchecked")
	Map<String, Object> placeOf(String user, String ticket) {
		return place(user, ticket).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
	}

	void awaitAdmitted(String user, String ticket) {
		await().atMost(Duration.ofSeconds(20)).until(() -> "ADMITTED".equals(placeOf(user, ticket).get("state")));
	}

	WebTestClient.ResponseSpec claim(String user, String ticket) {
		return http.post().uri("/api/queue/{ticket}/claim", ticket).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	String token(String user, String ticket) {
		return (String) claim(user, ticket).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
			.get("admissionToken");
	}

	WebTestClient.ResponseSpec leave(String user, String ticket) {
		return http.delete().uri("/api/queue/{ticket}", ticket).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	/** {@code admissionToken} null: no header. */
	WebTestClient.ResponseSpec hold(String user, long eventId, List<Long> seats, String admissionToken) {
		var request = http.post().uri("/api/holds").header(HttpHeaders.AUTHORIZATION, bearer(user)).contentType(MediaType.APPLICATION_JSON);
		if (admissionToken != null) {
			request = request.header("Admission-Token", admissionToken);
		}
		return request.bodyValue(Map.of("eventId", eventId, "seatIds", seats)).exchange();
	}

	private String bearer(String user) {
		return TestTokens.bearer(tokens.user(user));
	}
}
