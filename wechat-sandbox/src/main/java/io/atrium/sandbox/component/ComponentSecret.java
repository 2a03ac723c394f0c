package io.atrium.sandbox.component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.atrium.sandbox.http.WeChatError;

/** The component's appsecret, compared in constant time. */
final class ComponentSecret {

	private final byte[] secret;

	ComponentSecret(String secret) {
		this.secret = secret.getBytes(StandardCharsets.UTF_8);
	}

	/** Throws 41004 when no secret was sent, 40125 when it is not the component's. */
	void require(String presented) {
		if (presented == null || presented.isEmpty()) {
			throw WeChatError.APPSECRET_MISSING.exception();
		}
		if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), this.secret)) {
			throw WeChatError.INVALID_APPSECRET.exception();
		}
	}

}
