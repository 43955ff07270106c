package io.boxoffice.support.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>} where the
 * HMAC key is the whole endpoint secret ({@code whsec_…}) and the message is {@code t + "." + payload}.
 */
public final class WebhookSignatures {

	private WebhookSignatures() {
	}

	public static String header(String secret, long timestamp, String payload) {
		return "t=" + timestamp + ",v1=" + hmac(secret, timestamp + "." + payload);
	}

	static String hmac(String secret, String message) {
		try {
			var mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
		}
	}
}
