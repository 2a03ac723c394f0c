package io.atrium.crypto;

/**
 * WXBizMsgCrypt as WeChat specifies it (protocol reference §4): AES-256-CBC with a 32-byte PKCS#7 pad over
 * {@code random(16) | length(4, big-endian) | message | appid}, SHA-1 {@code msg_signature} and URL
 * {@code signature}. Immutable and thread-safe; one instance per component (token, EncodingAESKey, appid).
 */
public final class WeChatMessageCrypto {

	public WeChatMessageCrypto(String token, String encodingAesKey, String appId) {
		throw new UnsupportedOperationException("TODO");
	}

	/** Encrypts a plaintext message with a fresh random prefix; returns the Base64 {@code Encrypt} value. */
	public String encrypt(String plaintext) {
		throw new UnsupportedOperationException("TODO");
	}

	/** Decrypts a Base64 {@code Encrypt} value and checks that the trailing appid is this component's. */
	public String decrypt(String encrypted) {
		throw new UnsupportedOperationException("TODO");
	}

	/** {@code sha1(sort(token, timestamp, nonce, encrypt))} as 40 lowercase hex characters. */
	public String msgSignature(String timestamp, String nonce, String encrypted) {
		throw new UnsupportedOperationException("TODO");
	}

	/** {@code sha1(sort(token, timestamp, nonce))}: the URL {@code signature} WeChat sends on every push. */
	public String urlSignature(String timestamp, String nonce) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Encrypts a push the way WeChat sends it to the auth-event URL: the envelope
	 * {@code <xml><AppId>..</AppId><Encrypt>..</Encrypt></xml>} and the query parameters that go with it.
	 */
	public EncryptedPush seal(String plaintextXml, String timestamp, String nonce) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Opens a push: reads the envelope with DTDs off, verifies {@code msg_signature} in constant time,
	 * decrypts and checks the trailing appid. Returns the plaintext XML.
	 */
	public String open(String envelopeXml, String timestamp, String nonce, String msgSignature) {
		throw new UnsupportedOperationException("TODO");
	}

}
