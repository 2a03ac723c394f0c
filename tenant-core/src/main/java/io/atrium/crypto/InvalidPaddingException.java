package io.atrium.crypto;

/**
 * The decrypted buffer does not end in a valid 32-byte PKCS#7 pad: the last byte is outside 1..32, or the pad
 * bytes differ from it. Usually a wrong EncodingAESKey or a damaged ciphertext.
 */
public final class InvalidPaddingException extends MessageCryptoException {

	InvalidPaddingException(String message) {
		super(message);
	}

}
