package io.boxoffice.tickets;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.edge.internal.SecuritySettings;
import io.boxoffice.edge.internal.TokenIssuer;
import io.boxoffice.support.TestTokens;

/** A buyer's and a scanner's HTTP calls, as small steps for the tickets tests. */
final class Buyers {

	static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};
	static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() {
	};

	private final WebTestClient http;
	private final TokenIssuer issuer;

	Buyers(WebTestClient http, SecuritySettings settings, Clock clock) {
		this.http = http;
		this.issuer = new TokenIssuer(settings, clock);
	}

	String bearer(String user, String... roles) {
		return TestTokens.bearer(issuer.issue(user, roles.length == 0 ? Set.of("USER") : Set.of(roles), Duration.ofMinutes(10)).token());
	}

	String hold(String user, long eventId, List<Long> seatIds) {
		return (String) http.post().uri("/api/holds")
			.header(HttpHeaders.AUTHORIZATION, bearer(user))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("eventId", eventId, "seatIds", seatIds))
			.exchange()
			.expectStatus().isCreated()
			.expectBody(JSON).returnResult().getResponseBody().get("holdId");
	}

	WebTestClient.ResponseSpec createBooking(String user, String holdId) {
		return http.post().uri("/api/bookings").header(HttpHeaders.AUTHORIZATION, bearer(user))
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("holdId", holdId)).exchange();
	}

	/** Holds, books and pays: the booking id of a CONFIRMED booking. */
	String buy(String user, long eventId, List<Long> seatIds) {
		String bookingId = (String) createBooking(user, hold(user, eventId, seatIds))
			.expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody().get("bookingId");
		http.post().uri("/api/bookings/{id}/confirm", bookingId)
			.header(HttpHeaders.AUTHORIZATION, bearer(user))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("paymentMethod", "pm_card_visa"))
			.exchange()
			.expectStatus().isOk()
			.expectBody().jsonPath("$.status").isEqualTo("CONFIRMED");
		return bookingId;
	}

	WebTestClient.ResponseSpec tickets(String user, String bookingId) {
		return http.get().uri("/api/bookings/{id}/tickets", bookingId).header(HttpHeaders.AUTHORIZATION, bearer(user)).exchange();
	}

	List<Map<String, Object>> ticketsOf(String user, String bookingId) {
		return tickets(user, bookingId).expectStatus().isOk().expectBody(JSON_LIST).returnResult().getResponseBody();
	}

	WebTestClient.ResponseSpec scan(String bearer, long eventId, String secret, String gate) {
		var request = http.post().uri("/api/events/{id}/check-ins", eventId).contentType(MediaType.APPLICATION_JSON);
		if (bearer != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, bearer);
		}
		return request.bodyValue(gate == null ? Map.of("secret", secret) : Map.of("secret", secret, "gate", gate)).exchange();
	}
}
