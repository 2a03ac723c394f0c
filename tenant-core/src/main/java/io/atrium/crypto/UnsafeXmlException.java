package io.atrium.crypto;

/**
 * The XML was refused before it was read: it declares a DOCTYPE (the only way to bring in entities, external or
 * expanding) or it is larger than any WeChat push.
 */
public final class UnsafeXmlException extends MessageCryptoException {

	UnsafeXmlException(String message) {
		super(message);
	}

}
