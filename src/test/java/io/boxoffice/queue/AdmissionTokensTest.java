package io.boxoffice.queue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.boxoffice.queue.AdmissionTokens.Invalid;
import io.boxoffice.queue.AdmissionTokens.Valid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdmissionTokensTest {

	static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
	final AdmissionTokens tokens = AdmissionTokens.fromSecrets(null, "boxoffice-demo-and-test-secret-not-for-production");

	@Test
	void aTokenAdmitsItsUserToItsEventUntilItExpires() {
		String token = tokens.sign("ada", 42, "jti-1", NOW, NOW.plusSeconds(600));

		assertThat(tokens.verify(token, "ada", 42, NOW.plusSeconds(599))).isInstanceOfSatisfying(Valid.class,
				valid -> assertThat(valid.admission().jti()).isEqualTo("jti-1"));
		assertThat(tokens.verify(token, "ada", 42, NOW.plusSeconds(600))).isInstanceOf(Invalid.class);
		assertThat(tokens.verify(token, "bob", 42, NOW)).isInstanceOf(Invalid.class);
		assertThat(tokens.verify(token, "ada", 43, NOW)).isInstanceOf(Invalid.class);
		assertThat(tokens.verify(null, "ada", 42, NOW)).isInstanceOf(Invalid.class);
		assertThat(tokens.verify(token + "x", "ada", 42, NOW)).isInstanceOf(Invalid.class);
		String[] parts = token.split("\\.");
		assertThat(tokens.verify(parts[0] + "." + parts[1] + ".", "ada", 42, NOW)).isInstanceOf(Invalid.class); // unsigned
	}

	@Test
	void anotherKeysTokenIsRefusedAndTheDerivedKeyIsStable() {
		var other = new AdmissionTokens("an-attackers-secret-that-is-32-bytes-long".getBytes(StandardCharsets.UTF_8));
		assertThat(tokens.verify(other.sign("ada", 42, "j", NOW, NOW.plusSeconds(60)), "ada", 42, NOW)).isInstanceOf(Invalid.class);
		var sameDemo = AdmissionTokens.fromSecrets("", "boxoffice-demo-and-test-secret-not-for-production");
		assertThat(sameDemo.verify(tokens.sign("ada", 42, "j", NOW, NOW.plusSeconds(60)), "ada", 42, NOW)).isInstanceOf(Valid.class);
	}

	@Test
	void withoutAnyKeyTheServiceRefusesToStart() {
		assertThatThrownBy(() -> AdmissionTokens.fromSecrets(null, " ")).hasMessageContaining("boxoffice.queue.token-secret");
		assertThatThrownBy(() -> AdmissionTokens.fromSecrets("short", null)).hasMessageContaining("at least 32 bytes");
	}
}
