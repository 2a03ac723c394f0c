package io.atrium.token.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets and signatures, the way Stripe and Svix sign their webhooks: the secret is
 * {@code whsec_} + 32 random bytes in base64url; the signature is {@code v1=} + hex HMAC-SHA256, keyed with the
 * secret's UTF-8 bytes (all of it, prefix included, so a receiver pastes it as shown), over
 * {@code <timestamp>.<body>}. Signing the timestamp with the body lets a receiver refuse old deliveries replayed.
 */
final class WebhookSecrets {

	static final String PREFIX = "whsec_";

	private static final SecureRandom random = new SecureRandom();

	private WebhookSecrets() {
	}

	static String generate() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** The {@code Atrium-Webhook-Signature} header's value. */
	static String signature(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "v1=" + HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

}
