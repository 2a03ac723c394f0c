package io.atrium.content;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.atrium.token.onboarding.OnboardingProperties;

import org.springframework.stereotype.Component;

/**
 * Mints and reads the cursors of paged lists: {@code <base64url payload>.<base64url HMAC-SHA256>}, the payload
 * naming the list, the account, the next offset, the page size and the qualifier. A cursor works only for the list
 * and the account it was minted for, and cannot be altered (a larger page size, another type), so what it names is
 * exactly what Atrium handed out. It is not a secret and grants nothing: the account check still runs on every
 * page. The key is derived from the platform's signing secret ({@code atrium.onboarding.state-secret}), so there is
 * no second secret to configure and a cursor signature can never pass as an authorization state's.
 */
@Component
class ContentCursors {

	private static final String VERSION = "v2";

	/** A genuine cursor is well under 200 characters; anything much longer is not worth verifying. */
	private static final int MAX_LENGTH = 512;

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecretKeySpec key;

	ContentCursors(OnboardingProperties signing) {
		byte[] secret = signing.stateSecret().getBytes(StandardCharsets.UTF_8);
		byte[] derived = hmac(new SecretKeySpec(secret, "HmacSHA256"),
				"atrium content cursor".getBytes(StandardCharsets.UTF_8));
		this.key = new SecretKeySpec(derived, "HmacSHA256");
	}

	/** The cursor after a page, or null when the page was the last. */
	String next(String list, String appId, int offset, int count, String qualifier, Integer itemCount,
			Integer totalCount) {
		if (itemCount == null || totalCount == null || itemCount <= 0 || offset + itemCount >= totalCount) {
			return null;
		}
		String payload = String.join("|", VERSION, list, appId, Integer.toString(offset + itemCount),
				Integer.toString(count), qualifier);
		String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
		return encoded + "." + signature(encoded);
	}

	/**
	 * @throws InvalidContentRequestException when the cursor was not minted by {@link #next} for this list and
	 * account, or was altered
	 */
	ContentCursor read(String cursor, String list, String appId) {
		int dot = (cursor != null && cursor.length() <= MAX_LENGTH) ? cursor.lastIndexOf('.') : -1;
		if (dot > 0 && MessageDigest.isEqual(signature(cursor.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
				cursor.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)),
						StandardCharsets.UTF_8)
					.split("\\|", -1);
				if (parts.length == 6 && VERSION.equals(parts[0]) && list.equals(parts[1]) && appId.equals(parts[2])) {
					return new ContentCursor(list, appId, Integer.parseInt(parts[3]), Integer.parseInt(parts[4]),
							parts[5]);
				}
			}
			catch (IllegalArgumentException ex) {
				// Signed by us yet unreadable cannot happen; answered like any other foreign cursor.
			}
		}
		throw new InvalidContentRequestException("cursor",
				"cursor is not a cursor of this account's " + list + " list");
	}

	private String signature(String encodedPayload) {
		return ENCODER.encodeToString(hmac(this.key, encodedPayload.getBytes(StandardCharsets.US_ASCII)));
	}

	private static byte[] hmac(SecretKeySpec key, byte[] data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is required of every JDK", ex);
		}
	}

}
