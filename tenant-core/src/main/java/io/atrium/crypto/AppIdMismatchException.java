package io.atrium.crypto;

/**
 * The message decrypted, but the appid at its tail is not this component's: it was encrypted for someone else.
 */
public final class AppIdMismatchException extends MessageCryptoException {

	AppIdMismatchException(String message) {
		super(message);
	}

}
