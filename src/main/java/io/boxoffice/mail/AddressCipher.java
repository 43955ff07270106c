package io.boxoffice.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM for stored addresses: a fresh 96-bit nonce per encryption, stored before the ciphertext, and the user id
 * as associated data, so a ciphertext copied onto another user's row does not decrypt.
 */
final class AddressCipher {

	private static final int NONCE_BYTES = 12;
	private static final int TAG_BITS = 128;

	private final SecretKeySpec key;
	private final SecureRandom random;

	AddressCipher(byte[] key) {
		this.key = new SecretKeySpec(key, "AES");
		try {
			// DRBG seeds itself once, here, at start-up; afterwards it reads no file (nothing blocks on an event loop).
			this.random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		random.nextBytes(new byte[NONCE_BYTES]);
	}

	byte[] encrypt(String userId, String address) {
		byte[] nonce = new byte[NONCE_BYTES];
		random.nextBytes(nonce);
		try {
			Cipher cipher = cipher(Cipher.ENCRYPT_MODE, userId, nonce);
			byte[] sealed = cipher.doFinal(address.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Could not encrypt an address", e);
		}
	}

	/** Fails with a {@link GeneralSecurityException} when the key is not the one that encrypted it, or it was altered. */
	String decrypt(String userId, byte[] stored) throws GeneralSecurityException {
		if (stored.length <= NONCE_BYTES) {
			throw new GeneralSecurityException("too short to be an encrypted address");
		}
		byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
		Cipher cipher = cipher(Cipher.DECRYPT_MODE, userId, nonce);
		return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
	}

	private Cipher cipher(int mode, String userId, byte[] nonce) throws GeneralSecurityException {
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(userId.getBytes(StandardCharsets.UTF_8));
		return cipher;
	}

	/** {@code ada@example.com} → {@code a***@example.com}: enough to tell addresses apart in a log, not to write to. */
	static String mask(String address) {
		if (address == null) {
			return "(none)";
		}
		int at = address.lastIndexOf('@');
		if (at <= 0) {
			return "***";
		}
		return address.charAt(0) + "***" + address.substring(at);
	}
}
