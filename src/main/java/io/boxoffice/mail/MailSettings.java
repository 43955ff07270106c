package io.boxoffice.mail;

import java.util.Base64;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param encryptionKey base64 of a 16, 24 or 32 byte AES key (BOXOFFICE_MAIL_ENCRYPTION_KEY) that encrypts stored
 *        addresses; required: the application does not start without one (the tests and the demo carry a dev key
 *        on the test classpath only). Changing it makes stored addresses unreadable: their mails are skipped.
 * @param from the sender, e.g. {@code Boxoffice <tickets@example.com>}
 * @param baseUrl where the pages are, for the links in mails
 */
@ConfigurationProperties("boxoffice.mail")
record MailSettings(
		String encryptionKey,
		@DefaultValue("Boxoffice <tickets@boxoffice.invalid>") String from,
		@DefaultValue("http://localhost:8080") String baseUrl) {

	MailSettings {
		if (encryptionKey == null || encryptionKey.isBlank()) {
			throw new IllegalArgumentException("boxoffice.mail.encryption-key (BOXOFFICE_MAIL_ENCRYPTION_KEY) is required: "
					+ "base64 of a 32-byte AES key, e.g. from `openssl rand -base64 32`; buyers' addresses are stored encrypted with it");
		}
		int length;
		try {
			length = Base64.getDecoder().decode(encryptionKey.trim()).length;
		}
		catch (IllegalArgumentException notBase64) {
			throw new IllegalArgumentException("boxoffice.mail.encryption-key must be base64");
		}
		if (length != 16 && length != 24 && length != 32) {
			throw new IllegalArgumentException("boxoffice.mail.encryption-key must decode to 16, 24 or 32 bytes, not " + length);
		}
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	byte[] key() {
		return Base64.getDecoder().decode(encryptionKey.trim());
	}

	@Override
	public String toString() {
		return "MailSettings[from=" + from + ", baseUrl=" + baseUrl + ", encryptionKey=(set)]";
	}
}
