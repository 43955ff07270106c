package io.boxoffice.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.boxoffice.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A payment job (refund, void, capture) is never given up: past {@code max-attempts} it keeps retrying every
 * {@code stuck-retry-interval}, and operators see it as stuck (metric, dead-letter view). This context retries
 * within a second, gives up other kinds after 3 attempts and retries stuck jobs every 30-60 s.
 */
@JobsIntegrationTest
class PaymentJobsIT {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@Autowired
	Jobs jobs;

	@Autowired
	DatabaseClient db;

	@Autowired
	JobBacklogGauges gauges;

	@Autowired
	MeterRegistry meters;

	@Autowired
	WebTestClient http;

	@Autowired
	TestTokens tokens;

	@Test
	void aJobThatNeverGivesUpOutlivesMaxAttemptsAndPermanentFailuresAndIsCountedAsStuck() {
		var rows = new JobRows(db);
		double stuckBefore = stuckOutcomes(JobTestHandlers.NEVER_GIVES_UP);
		long id = jobs.enqueue(JobTestHandlers.NEVER_GIVES_UP, Map.of("bookingId", UUID.randomUUID().toString())).block();
		try {
			await().until(() -> pastItsThirdAttempt(rows.find(id)));

			assertThat(rows.status(id)).isEqualTo("PENDING");
			assertThat(rows.find(id).lastError()).contains("the card network refuses");
			assertThat(rows.find(id).runAt()).as("the next attempt, in 30-60 s").isAfter(Instant.now().plusSeconds(20));
			assertThat(stuckOutcomes(JobTestHandlers.NEVER_GIVES_UP) - stuckBefore).isEqualTo(1);
		}
		finally {
			db.sql("UPDATE job SET status = 'DONE', finished_at = now() WHERE id = :id").bind("id", id).then().block();
		}
	}

	/**
	 * The third (max-attempts) attempt failed and was recorded: FAILED (giving up), or PENDING again within the
	 * stuck-retry-interval (1 min). While an attempt runs, its lease (2 min) puts the next run further out.
	 */
	private static boolean pastItsThirdAttempt(JobRows.JobRow row) {
		return row.attempts() >= 3 && (row.status().equals("FAILED")
				|| row.lastError() != null && row.runAt().isBefore(Instant.now().plusSeconds(90)));
	}

	private double stuckOutcomes(String kind) {
		var counter = meters.find("boxoffice.jobs.outcomes").tag("kind", kind).tag("outcome", "stuck").counter();
		return counter == null ? 0 : counter.count();
	}

	@Test
	void aRefundThatKeepsFailingIsRetriedPastMaxAttemptsAndShownToOperatorsAsStuck() {
		var rows = new JobRows(db);
		String missing = "pi_missing_" + UUID.randomUUID().toString().replace("-", "");
		long id = jobs.enqueue("payment.refund", Map.of("bookingId", UUID.randomUUID().toString(), "paymentIntentId", missing)).block();
		try {
			await().until(() -> pastItsThirdAttempt(rows.find(id)));
			assertThat(rows.status(id)).as("never FAILED: a refund that gives up leaves a buyer charged").isEqualTo("PENDING");

			List<Map<String, Object>> stuck = http.get().uri("/api/admin/payment-jobs?state=stuck")
				.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.admin("ops-olga")))
				.exchange()
				.expectStatus().isOk()
				.expectBody(LIST).returnResult().getResponseBody();
			assertThat(stuck).anySatisfy(job -> {
				assertThat(((Number) job.get("id")).longValue()).isEqualTo(id);
				assertThat(job).containsEntry("kind", "payment.refund").containsEntry("paymentIntentId", missing);
				assertThat(((Number) job.get("attempts")).intValue()).isGreaterThanOrEqualTo(3);
				assertThat((String) job.get("lastError")).contains(missing);
				assertThat(job.get("nextAttemptAt")).isNotNull();
			});
			gauges.refresh().block();
			assertThat(meters.get("boxoffice.jobs.stuck").tag("kind", "payment.refund").gauge().value()).isGreaterThanOrEqualTo(1);

			http.get().uri("/api/admin/payment-jobs?state=stuck")
				.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.user("buyer-bob")))
				.exchange()
				.expectStatus().isForbidden();
			http.get().uri("/api/admin/payment-jobs?state=sideways")
				.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(tokens.admin("ops-olga")))
				.exchange()
				.expectStatus().isBadRequest()
				.expectBody().jsonPath("$.type").isEqualTo("/problems/validation-failed");
		}
		finally {
			db.sql("UPDATE job SET status = 'DONE', finished_at = now() WHERE id = :id").bind("id", id).then().block();
		}
	}
}
