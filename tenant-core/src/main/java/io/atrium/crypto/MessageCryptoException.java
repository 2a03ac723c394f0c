package io.atrium.crypto;

/**
 * Base of everything that can be wrong with a pushed message: its signature, its ciphertext or its XML. Messages
 * say what was wrong, never the key, the token or the plaintext.
 */
public abstract class MessageCryptoException extends RuntimeException {

	MessageCryptoException(String message) {
		super(message);
	}

	MessageCryptoException(String message, Throwable cause) {
		super(message, cause);
	}

}
