package io.atrium.crypto;

/**
 * The {@code msg_signature} of a push does not match its token, timestamp, nonce and ciphertext: it was forged,
 * altered, or signed with another token.
 */
public final class InvalidSignatureException extends MessageCryptoException {

	InvalidSignatureException(String message) {
		super(message);
	}

}
