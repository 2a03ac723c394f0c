package io.atrium.token.onboarding;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the {@code state} of authorization links:
 * {@code v1.<tenantId>.<sessionId>.<expiresAt epoch second>.<base64url HMAC-SHA256 of everything before it>}.
 * Readable on purpose (it identifies nothing secret); unforgeable without the key. Thread-safe.
 */
final class StateSigner {

	private static final String VERSION = "v1";

	/** A genuine state is about 110 characters; anything much longer is not worth hashing. */
	private static final int MAX_LENGTH = 256;

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	StateSigner(String secret) {
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	String sign(OnboardingState state) {
		String payload = VERSION + "." + state.tenantId() + "." + state.sessionId() + "."
				+ state.expiresAt().getEpochSecond();
		return payload + "." + signature(payload);
	}

	/**
	 * Checks the signature (in constant time) and reads the state; says nothing about expiry, which the caller
	 * judges by its clock.
	 * @throws InvalidStateException when the value was not signed with this key or is not a state
	 */
	OnboardingState verify(String value) {
		if (value == null || value.length() > MAX_LENGTH) {
			throw new InvalidStateException("state is missing or too long");
		}
		int dot = value.lastIndexOf('.');
		if (dot < 0) {
			throw new InvalidStateException("state is not signed");
		}
		String payload = value.substring(0, dot);
		// Compared as text, so that no two spellings of one signature are accepted.
		if (!MessageDigest.isEqual(signature(payload).getBytes(StandardCharsets.US_ASCII),
				value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidStateException("state signature does not match");
		}
		String[] parts = payload.split("\\.", -1);
		if (parts.length != 4 || !VERSION.equals(parts[0])) {
			throw new InvalidStateException("state has an unknown layout");
		}
		try {
			return new OnboardingState(Long.parseLong(parts[1]), UUID.fromString(parts[2]),
					Instant.ofEpochSecond(Long.parseLong(parts[3])));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidStateException("state has an unreadable field");
		}
	}

	private String signature(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return BASE64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every JDK", ex);
		}
	}

	@Override
	public String toString() {
		return "StateSigner[HmacSHA256]";
	}

}
