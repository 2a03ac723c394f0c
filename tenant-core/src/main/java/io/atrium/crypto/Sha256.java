package io.atrium.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as lowercase hex: how Atrium keeps high-entropy secrets it only needs to recognise (authorization codes,
 * API keys) and derives replay-guard keys. Unsalted on purpose: the inputs are long random values, nothing to guess.
 */
public final class Sha256 {

	private Sha256() {
	}

	public static String hex(String value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JDK", ex);
		}
	}

}
