package io.boxoffice.jobs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobRunnerTest {

	@Test
	void anErrorIsDescribedWithItsCausesOnOneLine() {
		var error = new IllegalStateException("capture failed", new java.io.IOException("connection reset"));

		assertThat(JobRunner.describe(error))
			.isEqualTo("java.lang.IllegalStateException: capture failed; caused by java.io.IOException: connection reset");
	}

	@Test
	void aLongErrorIsCutToFitLastErrorAndLosesCharactersPostgresCannotStore() {
		String description = JobRunner.describe(new RuntimeException("\u0000" + "x".repeat(5000)));

		assertThat(description).hasSize(JobRunner.MAX_ERROR_LENGTH).endsWith("…").doesNotContain("\u0000");
	}

	@Test
	void anErrorWithoutAMessageIsNamedByItsClass() {
		assertThat(JobRunner.describe(new java.util.concurrent.TimeoutException()))
			.isEqualTo("java.util.concurrent.TimeoutException");
	}
}
