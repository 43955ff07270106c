package io.boxoffice.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressCipherTest {

	static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	@Test
	void anAddressComesBackOnlyForItsOwnUserAndKey() throws GeneralSecurityException {
		var cipher = new AddressCipher(KEY);
		byte[] sealed = cipher.encrypt("ada", "ada@example.com");

		assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("ada@example.com");
		assertThat(cipher.decrypt("ada", sealed)).isEqualTo("ada@example.com");
		assertThatThrownBy(() -> cipher.decrypt("bob", sealed)).isInstanceOf(GeneralSecurityException.class);
		var otherKey = new AddressCipher("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
		assertThatThrownBy(() -> otherKey.decrypt("ada", sealed)).isInstanceOf(GeneralSecurityException.class);
	}

	@Test
	void theSameAddressEncryptsDifferentlyEachTime() {
		var cipher = new AddressCipher(KEY);
		assertThat(cipher.encrypt("ada", "ada@example.com")).isNotEqualTo(cipher.encrypt("ada", "ada@example.com"));
	}

	@Test
	void logsShowAMaskedAddress() {
		assertThat(AddressCipher.mask("ada.lovelace@example.com")).isEqualTo("a***@example.com");
		assertThat(AddressCipher.mask("nonsense")).isEqualTo("***");
		assertThat(AddressCipher.mask(null)).isEqualTo("(none)");
	}

	@Test
	void theApplicationRefusesToStartWithoutAUsableKey() {
		assertThatThrownBy(() -> new MailSettings(null, "from@example.com", "http://x")).hasMessageContaining("is required");
		assertThatThrownBy(() -> new MailSettings("  ", "from@example.com", "http://x")).hasMessageContaining("is required");
		assertThatThrownBy(() -> new MailSettings("not base64!", "from@example.com", "http://x")).hasMessageContaining("base64");
		String shortKey = Base64.getEncoder().encodeToString(new byte[7]);
		assertThatThrownBy(() -> new MailSettings(shortKey, "from@example.com", "http://x")).hasMessageContaining("not 7");
		assertThat(new MailSettings(Base64.getEncoder().encodeToString(KEY), "f@example.com", "http://x/").baseUrl()).isEqualTo("http://x");
	}

	@Test
	void onlyOnePlainAddressIsAccepted() {
		assertThat(MailAddresses.isPlainAddress("ada@example.com")).isTrue();
		assertThat(MailAddresses.isPlainAddress("ada@example.com\r\nBcc: eve@example.com")).isFalse();
		assertThat(MailAddresses.isPlainAddress("Ada <ada@example.com>")).isFalse();
		assertThat(MailAddresses.isPlainAddress("ada@example.com, eve@example.com")).isFalse();
		assertThat(MailAddresses.isPlainAddress("not an address")).isFalse();
	}
}
