package io.boxoffice.edge.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ShedPartitionTest {

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({
		"POST, /api/holds, CHECKOUT",
		"DELETE, /api/holds/abc, CHECKOUT",
		"POST, /api/bookings, CHECKOUT",
		"POST, /api/bookings/7/confirm, CHECKOUT",
		"POST, /api/events/42/queue, QUEUE",
		"GET, /api/queue/t0k3n, QUEUE",
		"POST, /api/queue/t0k3n/claim, QUEUE",
		"GET, /api/events/42, READS",
		"GET, /api/events/42/seatmap, READS",
		"GET, /api/events/42/queued-things, READS",
		"GET, /api/search, READS",
		"POST, /api/dev/token, READS",
		"GET, /api/time, READS" })
	void eachApiRouteDrawsFromItsPartition(HttpMethod method, String path, ShedPartition expected) {
		assertThat(ShedPartition.of(MockServerHttpRequest.method(method, path).build())).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} {1} is never shed")
	@CsvSource({
		"POST, /api/payments/stripe/webhook",
		"GET, /actuator/health",
		"GET, /actuator/health/readiness",
		"GET, /index.html",
		"GET, /app.js",
		"GET, /ws/events/42/availability",
		"GET, /ws/queue/t0k3n",
		"PUT, /api/admin/events/42/queue",
		"OPTIONS, /api/holds" })
	void webhooksHealthStaticFilesSocketsAndOperatorsAreNeverShed(HttpMethod method, String path) {
		assertThat(ShedPartition.of(MockServerHttpRequest.method(method, path).build())).isNull();
	}
}
