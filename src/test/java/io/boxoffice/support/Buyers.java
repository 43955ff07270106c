package io.boxoffice.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A buyer's HTTP steps with a given token (hold, book, pay), for tests outside the booking package. */
public final class Buyers {

	public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final WebTestClient http;

	public Buyers(WebTestClient http) {
		this.http = http;
	}

	public String hold(String token, long eventId, List<Long> seats) {
		return (String) post("/api/holds", token, Map.of("eventId", eventId, "seatIds", seats)).get("holdId");
	}

	/** Books the hold and pays with the fake's good card; answers the CONFIRMED booking's id. */
	public String bookAndPay(String token, String holdId) {
		String bookingId = (String) post("/api/bookings", token, Map.of("holdId", holdId)).get("bookingId");
		http.post().uri("/api/bookings/{id}/confirm", bookingId)
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("paymentMethod", "pm_card_visa"))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
		return bookingId;
	}

	public String bookAndPay(String token, long eventId, List<Long> seats) {
		return bookAndPay(token, hold(token, eventId, seats));
	}

	public void cancel(String token, String bookingId) {
		http.delete().uri("/api/bookings/{id}", bookingId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
			.exchange().expectStatus().isOk();
	}

	public Map<String, Object> post(String path, String token, Map<String, Object> body) {
		return http.post().uri(path)
			.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token))
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus().isCreated()
			.expectBody(JSON).returnResult().getResponseBody();
	}
}
