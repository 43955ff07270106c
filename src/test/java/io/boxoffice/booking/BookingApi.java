package io.boxoffice.booking;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.TestTokens;

/** The buyer's HTTP calls, as small steps for the booking tests. */
final class BookingApi {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final WebTestClient http;
	private final TestTokens tokens;

	BookingApi(WebTestClient http, TestTokens tokens) {
		this.http = http;
		this.tokens = tokens;
	}

	String bearer(String user) {
		return TestTokens.bearer(tokens.user(user));
	}

	String hold(String user, long eventId, List<Long> seatIds) {
		Map<String, Object> hold = http.post().uri("/api/holds")
			.header(HttpHeaders.AUTHORIZATION, bearer(user))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("eventId", eventId, "seatIds", seatIds))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(JSON).returnResult().getResponseBody();
		return (String) hold.get("holdId");
	}

	WebTestClient.ResponseSpec createBooking(String user, String holdId, String idempotencyKey) {
		var request = http.post().uri("/api/bookings").header(HttpHeaders.AUTHORIZATION, bearer(user));
		if (idempotencyKey != null) {
			request = request.header("Idempotency-Key", idempotencyKey);
		}
		return request.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("holdId", holdId)).exchange();
	}

	Map<String, Object> book(String user, String holdId) {
		return createBooking(user, holdId, UUID.randomUUID().toString())
			.expectStatus().isCreated()
			.expectBody(JSON).returnResult().getResponseBody();
	}

	WebTestClient.ResponseSpec pay(String user, Object bookingId, String paymentMethod) {
		return http.post().uri("/api/bookings/{id}/confirm", bookingId)
			.header(HttpHeaders.AUTHORIZATION, bearer(user))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("paymentMethod", paymentMethod))
			.exchange();
	}

	Map<String, Object> booking(String user, Object bookingId) {
		return http.get().uri("/api/bookings/{id}", bookingId)
			.header(HttpHeaders.AUTHORIZATION, bearer(user))
			.exchange()
			.expectStatus().isOk()
			.expectBody(JSON).returnResult().getResponseBody();
	}

	WebTestClient.ResponseSpec list(String user, String query) {
		return http.get().uri("/api/bookings" + query).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	WebTestClient.ResponseSpec cancel(String user, Object bookingId) {
		return http.delete().uri("/api/bookings/{id}", bookingId).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}
}
