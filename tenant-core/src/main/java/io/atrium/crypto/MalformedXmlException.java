package io.atrium.crypto;

/**
 * The XML is not well-formed, or lacks an element the caller requires (such as the envelope's {@code Encrypt}).
 */
public final class MalformedXmlException extends MessageCryptoException {

	MalformedXmlException(String message) {
		super(message);
	}

	MalformedXmlException(String message, Throwable cause) {
		super(message, cause);
	}

}
