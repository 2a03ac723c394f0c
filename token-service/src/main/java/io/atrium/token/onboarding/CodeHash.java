package io.atrium.token.onboarding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 (hex) of a pre-auth or authorization code: how Atrium stores and finds codes without keeping them.
 * WeChat's codes are long random strings, so an unsalted hash cannot be reversed by guessing.
 */
record CodeHash(String hex) {

	static CodeHash of(String code) {
		try {
			return new CodeHash(HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8))));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JDK", ex);
		}
	}

}
