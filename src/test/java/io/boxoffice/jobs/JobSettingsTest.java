package io.boxoffice.jobs;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobSettingsTest {

	/** Settings as Spring binds them: the defaults, with {@code name, value} pairs (relaxed names) on top. */
	static JobSettings settings(String... overrides) {
		Map<String, String> properties = new HashMap<>();
		for (int i = 0; i < overrides.length; i += 2) {
			properties.put("boxoffice.jobs." + overrides[i], overrides[i + 1]);
		}
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("boxoffice.jobs", JobSettings.class);
	}

	@Test
	void defaultsRunJobsPromptlyAndRetryForHours() {
		JobSettings defaults = settings();

		assertThat(defaults.runner().enabled()).isTrue();
		assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
		assertThat(defaults.lease()).isGreaterThan(defaults.handlerTimeout());
		assertThat(defaults.maxAttempts()).isEqualTo(15);
		assertThat(defaults.backoffMax()).isEqualTo(Duration.ofHours(1));
		assertThat(defaults.stuckRetryInterval()).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void theRunnerCanBeSwitchedOff() {
		assertThat(settings("runner.enabled", "false").runner().enabled()).isFalse();
	}

	@Test
	void aLeaseNoLongerThanTheHandlerTimeoutIsRejectedBecauseAJobCouldRunTwiceAtOnce() {
		assertThatThrownBy(() -> settings("lease", "30s", "handler-timeout", "30s"))
			.isInstanceOf(BindException.class)
			.rootCause().hasMessageContaining("lease (PT30S) must be longer than handler-timeout (PT30S)");
	}

	@Test
	void zeroConcurrencyIsRejected() {
		assertThatThrownBy(() -> settings("concurrency", "0"))
			.rootCause().hasMessageContaining("concurrency");
	}
}
