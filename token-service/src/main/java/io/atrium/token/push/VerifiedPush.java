package io.atrium.token.push;

import io.atrium.crypto.WeChatXml;

/**
 * A push that passed every check of {@link WeChatPushVerifier} and was marked seen: its signed parameters and its
 * decrypted plaintext. {@code toString} names the plaintext's elements only (their values can be tickets, codes
 * and users' messages).
 */
public record VerifiedPush(PushParameters parameters, WeChatXml plaintext) {

	@Override
	public String toString() {
		return "VerifiedPush[" + this.plaintext + "]";
	}

}
