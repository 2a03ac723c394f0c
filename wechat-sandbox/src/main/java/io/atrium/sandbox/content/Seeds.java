package io.atrium.sandbox.content;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * Seeds and ids derived by SHA-256 from labelled parts, so every item depends only on its own labels (appid,
 * kind, index) and is the same on every JVM, whatever the order of generation or the size of the account.
 */
final class Seeds {

	private Seeds() {
	}

	/** A random source for the item that the given parts name. */
	static SplittableRandom random(Object... parts) {
		return new SplittableRandom(ByteBuffer.wrap(digest(parts)).getLong());
	}

	/**
	 * A base64url id without padding: 32 bytes give the 43 characters of a real {@code media_id}; different
	 * parts give different ids (collisions would need a SHA-256 collision).
	 */
	static String id(int bytes, Object... parts) {
		if (bytes < 1 || bytes > 32) {
			throw new IllegalArgumentException("An id takes 1 to 32 bytes of the digest, not " + bytes);
		}
		byte[] value = Arrays.copyOf(digest(parts), bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	private static byte[] digest(Object... parts) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			for (Object part : parts) {
				sha256.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
				sha256.update((byte) 0);
			}
			return sha256.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
