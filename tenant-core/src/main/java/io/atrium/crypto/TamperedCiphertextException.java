package io.atrium.crypto;

/**
 * The ciphertext cannot be what WeChat produced: its length is not a whole number of blocks, or the decrypted
 * layout's length field points outside the buffer.
 */
public final class TamperedCiphertextException extends MessageCryptoException {

	TamperedCiphertextException(String message) {
		super(message);
	}

}
