package io.boxoffice.edge;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemTest {

	@Test
	void anExpectedRefusalCarriesItsProblemButNoStackTrace() {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Seat 7 is taken");
		body.setType(URI.create("/problems/seats-unavailable"));

		Problem problem = new Problem(HttpStatus.CONFLICT, body);

		assertThat(problem.getStackTrace()).isEmpty();
		assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(problem.getBody().getType()).hasToString("/problems/seats-unavailable");
		assertThat(problem.getBody().getDetail()).isEqualTo("Seat 7 is taken");
	}
}
