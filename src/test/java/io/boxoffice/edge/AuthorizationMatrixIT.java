package io.boxoffice.edge;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.IntegrationTest;
import io.boxoffice.support.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every protected route × every kind of caller. A caller who may pass gets past security (whatever the route
 * then answers, it is neither 401 nor 403); everyone else gets the right refusal as a problem.
 */
@IntegrationTest
class AuthorizationMatrixIT {

	enum Caller {
		NO_TOKEN, MALFORMED, FORGED, EXPIRED, USER, ADMIN
	}

	enum Needs {
		USER, ADMIN
	}

	record Route(HttpMethod method, String path, Needs needs) {
		@Override
		public String toString() {
			return method + " " + path;
		}
	}

	static final List<Route> PROTECTED = List.of(
			new Route(HttpMethod.POST, "/api/holds", Needs.USER),
			new Route(HttpMethod.GET, "/api/holds", Needs.USER),
			new Route(HttpMethod.GET, "/api/holds/h-1", Needs.USER),
			new Route(HttpMethod.DELETE, "/api/holds/h-1", Needs.USER),
			new Route(HttpMethod.POST, "/api/bookings", Needs.USER),
			new Route(HttpMethod.GET, "/api/bookings", Needs.USER),
			new Route(HttpMethod.GET, "/api/bookings/1", Needs.USER),
			new Route(HttpMethod.POST, "/api/bookings/1/confirm", Needs.USER),
			new Route(HttpMethod.DELETE, "/api/bookings/1", Needs.USER),
			new Route(HttpMethod.POST, "/api/admin/venues", Needs.ADMIN),
			new Route(HttpMethod.PUT, "/api/admin/venues/1", Needs.ADMIN),
			new Route(HttpMethod.GET, "/api/admin/venues/1", Needs.ADMIN),
			new Route(HttpMethod.POST, "/api/admin/performers", Needs.ADMIN),
			new Route(HttpMethod.PUT, "/api/admin/performers/1", Needs.ADMIN),
			new Route(HttpMethod.GET, "/api/admin/performers/1", Needs.ADMIN),
			new Route(HttpMethod.POST, "/api/admin/events", Needs.ADMIN),
			new Route(HttpMethod.PUT, "/api/admin/events/1", Needs.ADMIN),
			new Route(HttpMethod.GET, "/api/admin/payment-jobs", Needs.ADMIN),
			new Route(HttpMethod.GET, "/actuator/metrics", Needs.ADMIN));

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	static Stream<Arguments> matrix() {
		return PROTECTED.stream().flatMap(route -> Stream.of(Caller.values()).map(caller -> Arguments.of(route, caller)));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("matrix")
	void eachProtectedRouteAdmitsExactlyTheRightCallers(Route route, Caller caller) {
		Function<String, String> token = switch (caller) {
			case NO_TOKEN -> null;
			case MALFORMED -> name -> "not a token!";
			case FORGED -> tokens::forged;
			case EXPIRED -> tokens::expired;
			case USER -> tokens::user;
			case ADMIN -> tokens::admin;
		};
		WebTestClient.RequestBodySpec request = http.method(route.method()).uri(route.path());
		if (token != null) {
			request = request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token.apply("matrix-" + caller)));
		}
		var response = route.method() == HttpMethod.POST || route.method() == HttpMethod.PUT
				? request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
				: request.exchange();

		switch (caller) {
			case NO_TOKEN -> response.expectStatus().isUnauthorized()
				.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
				.expectBody().jsonPath("$.type").isEqualTo("/problems/unauthenticated");
			// A malformed header is refused as such, not taken for a missing token.
			case MALFORMED -> response.expectStatus().isUnauthorized()
				.expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).contains("invalid_token"))
				.expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-token")
				.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("malformed"));
			case FORGED -> response.expectStatus().isUnauthorized()
				.expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-token")
				.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("signature"));
			case EXPIRED -> response.expectStatus().isUnauthorized()
				.expectBody().jsonPath("$.type").isEqualTo("/problems/invalid-token")
				.jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("expired"));
			case USER -> {
				if (route.needs() == Needs.ADMIN) {
					response.expectStatus().isForbidden()
						.expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
						.expectBody().jsonPath("$.type").isEqualTo("/problems/forbidden");
				}
				else {
					response.expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
				}
			}
			case ADMIN -> response.expectStatus().value(status -> assertThat(status).isNotIn(401, 403));
		}
	}
}
