package io.atrium.custody;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credentials at rest (the authorizer refresh tokens) with AES-256-GCM. A sealed value is
 * {@code keyId:base64url(nonce | ciphertext | tag)}; it names its key, so keys can be rotated: seal with the
 * active key, keep older keys to open what they sealed, and re-seal what {@link #needsResealing} reports.
 * The associated data (the authorizer appid) binds a sealed value to its row: copied onto another account it
 * does not open. Immutable and thread-safe; {@link #toString()} never shows a key.
 */
public final class CredentialCipher {

	private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	private static final int KEY_LENGTH = 32;

	private static final int NONCE_LENGTH = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, SecretKeySpec> keys;

	private final String activeKeyId;

	/**
	 * @param base64Keys key id to a Base64 encoded 32-byte key; ids are 1-32 of {@code [A-Za-z0-9_-]}
	 * @param activeKeyId the key new values are sealed with
	 */
	public CredentialCipher(Map<String, String> base64Keys, String activeKeyId) {
		if (base64Keys == null || base64Keys.isEmpty()) {
			throw new IllegalArgumentException("At least one credential key is required");
		}
		Map<String, SecretKeySpec> decoded = new LinkedHashMap<>();
		base64Keys.forEach((id, base64) -> decoded.put(checkedKeyId(id), decodeKey(id, base64)));
		if (!decoded.containsKey(activeKeyId)) {
			throw new IllegalArgumentException("Active credential key '" + activeKeyId + "' is not configured");
		}
		this.keys = Map.copyOf(decoded);
		this.activeKeyId = activeKeyId;
	}

	private static String checkedKeyId(String id) {
		if (id == null || !KEY_ID.matcher(id).matches()) {
			throw new IllegalArgumentException("Credential key id must be 1-32 of [A-Za-z0-9_-], was '" + id + "'");
		}
		return id;
	}

	private static SecretKeySpec decodeKey(String id, String base64) {
		byte[] key;
		try {
			key = Base64.getDecoder().decode((base64 != null) ? base64.trim() : "");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Credential key '" + id + "' is not Base64");
		}
		if (key.length != KEY_LENGTH) {
			throw new IllegalArgumentException(
					"Credential key '" + id + "' must be " + KEY_LENGTH + " bytes, was " + key.length);
		}
		return new SecretKeySpec(key, "AES");
	}

	/** Seals a credential with the active key, bound to the given associated data (the authorizer appid). */
	public String seal(String plaintext, String associatedData) {
		byte[] nonce = new byte[NONCE_LENGTH];
		RANDOM.nextBytes(nonce);
		byte[] ciphertext = run(Cipher.ENCRYPT_MODE, this.keys.get(this.activeKeyId), nonce, associatedData,
				plaintext.getBytes(StandardCharsets.UTF_8));
		byte[] sealed = ByteBuffer.allocate(NONCE_LENGTH + ciphertext.length).put(nonce).put(ciphertext).array();
		return this.activeKeyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
	}

	/** Opens a sealed credential; fails if it was altered, sealed for other associated data or by an unknown key. */
	public String open(String sealed, String associatedData) {
		int colon = (sealed != null) ? sealed.indexOf(':') : -1;
		if (colon < 1) {
			throw new SealedCredentialException("Sealed credential has no key id");
		}
		String keyId = sealed.substring(0, colon);
		SecretKeySpec key = this.keys.get(keyId);
		if (key == null) {
			throw new SealedCredentialException("Sealed credential names unknown key '" + keyId + "'");
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(sealed.substring(colon + 1));
		}
		catch (IllegalArgumentException ex) {
			throw new SealedCredentialException("Sealed credential is not Base64");
		}
		if (bytes.length < NONCE_LENGTH + TAG_BITS / 8) {
			throw new SealedCredentialException("Sealed credential is too short");
		}
		byte[] nonce = new byte[NONCE_LENGTH];
		System.arraycopy(bytes, 0, nonce, 0, NONCE_LENGTH);
		byte[] ciphertext = new byte[bytes.length - NONCE_LENGTH];
		System.arraycopy(bytes, NONCE_LENGTH, ciphertext, 0, ciphertext.length);
		return new String(run(Cipher.DECRYPT_MODE, key, nonce, associatedData, ciphertext), StandardCharsets.UTF_8);
	}

	/** Whether a sealed value was sealed by a key other than the active one, and should be sealed again. */
	public boolean needsResealing(String sealed) {
		return sealed == null || !sealed.startsWith(this.activeKeyId + ":");
	}

	public String activeKeyId() {
		return this.activeKeyId;
	}

	private static byte[] run(int mode, SecretKeySpec key, byte[] nonce, String associatedData, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(input);
		}
		catch (AEADBadTagException ex) {
			throw new SealedCredentialException("Sealed credential does not authenticate: altered, or sealed for "
					+ "another account");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES/GCM failed", ex);
		}
	}

	@Override
	public String toString() {
		return "CredentialCipher[keys=" + this.keys.keySet() + ", active=" + this.activeKeyId + "]";
	}

}
