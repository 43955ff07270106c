package io.boxoffice.payment;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PaymentProblemsTest {

	@Test
	void aDeclineIsA402WithStripesMessageAndDeclineCode() {
		var declined = new PaymentConfirmation(PaymentConfirmation.Outcome.DECLINED, "pi_1", null, "insufficient_funds",
				"Your card has insufficient funds.");

		var problem = PaymentProblems.declined(declined);

		assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
		assertThat(problem.getBody().getType()).hasToString("/problems/payment-declined");
		assertThat(problem.getBody().getDetail()).isEqualTo("Your card has insufficient funds.");
		assertThat(problem.getBody().getProperties()).containsEntry("declineCode", "insufficient_funds");
	}

	@Test
	void onlyADeclineMakesADeclinedProblem() {
		var authorized = new PaymentConfirmation(PaymentConfirmation.Outcome.AUTHORIZED, "pi_1", null, null, null);

		assertThatThrownBy(() -> PaymentProblems.declined(authorized)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void anUnavailableProviderIsA503ThatKeepsItsReasonOutOfTheBody() {
		var unavailable = new PaymentUnavailable("capture", "connect timed out to 10.0.0.7", null);

		assertThat(unavailable.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(unavailable.getBody().getType()).hasToString("/problems/payment-unavailable");
		assertThat(unavailable.getBody().getDetail()).doesNotContain("10.0.0.7");
		assertThat(unavailable.getMessage()).contains("capture", "10.0.0.7");
	}
}
