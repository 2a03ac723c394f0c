package io.atrium.token.push;

import io.atrium.crypto.WeChatXml;

/**
 * A push that passed every check of {@link WeChatPushVerifier} and was marked seen: its signed parameters, its
 * decrypted plaintext and what the endpoint's own check made of it. {@code toString} names the plaintext's
 * elements only (their values can be tickets, codes and users' messages).
 *
 * @param parameters the signed query parameters
 * @param xml the decrypted plaintext as WeChat sent it
 * @param plaintext the same, read (DTDs off)
 * @param accepted what the endpoint's check returned
 * @param <T> what the endpoint's check returns (the event, the message and its recipient)
 */
public record VerifiedPush<T>(PushParameters parameters, String xml, WeChatXml plaintext, T accepted) {

	@Override
	public String toString() {
		return "VerifiedPush[" + this.plaintext + "]";
	}

}
