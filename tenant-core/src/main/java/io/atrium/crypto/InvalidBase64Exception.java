package io.atrium.crypto;

/**
 * The {@code Encrypt} value is not standard Base64.
 */
public final class InvalidBase64Exception extends MessageCryptoException {

	InvalidBase64Exception(String message, Throwable cause) {
		super(message, cause);
	}

}
