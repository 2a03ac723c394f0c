package io.atrium.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WXBizMsgCrypt as WeChat specifies it (protocol reference §4): AES-256-CBC with a 32-byte PKCS#7 pad over
 * {@code random(16) | length(4, big-endian) | message | appid}, SHA-1 {@code msg_signature} and URL
 * {@code signature}. Immutable and thread-safe; one instance per component (token, EncodingAESKey, appid).
 */
public final class WeChatMessageCrypto {

	private static final int ENCODING_AES_KEY_LENGTH = 43;

	/** WeChat pads to 32 bytes, not to the AES block size. */
	private static final int PAD_BLOCK = 32;

	private static final int RANDOM_LENGTH = 16;

	private static final int HEADER_LENGTH = RANDOM_LENGTH + 4;

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final HexFormat HEX = HexFormat.of();

	private final String token;

	private final SecretKeySpec key;

	private final IvParameterSpec iv;

	private final String appId;

	private final byte[] appIdBytes;

	public WeChatMessageCrypto(String token, String encodingAesKey, String appId) {
		if (token == null || token.isEmpty()) {
			throw new IllegalArgumentException("Token must not be empty");
		}
		if (appId == null || appId.isEmpty()) {
			throw new IllegalArgumentException("AppId must not be empty");
		}
		byte[] aesKey = decodeEncodingAesKey(encodingAesKey);
		this.token = token;
		this.key = new SecretKeySpec(aesKey, "AES");
		this.iv = new IvParameterSpec(aesKey, 0, 16);
		this.appId = appId;
		this.appIdBytes = appId.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] decodeEncodingAesKey(String encodingAesKey) {
		// Messages give the length at most: the key is a secret.
		if (encodingAesKey == null || encodingAesKey.length() != ENCODING_AES_KEY_LENGTH) {
			throw new IllegalArgumentException("EncodingAESKey must be " + ENCODING_AES_KEY_LENGTH + " characters, was "
					+ ((encodingAesKey != null) ? encodingAesKey.length() : "null"));
		}
		try {
			return Base64.getDecoder().decode(encodingAesKey + "=");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("EncodingAESKey must use the Base64 alphabet");
		}
	}

	/** Encrypts a plaintext message with a fresh random prefix; returns the Base64 {@code Encrypt} value. */
	public String encrypt(String plaintext) {
		return encrypt(randomPrefix(), plaintext);
	}

	/** Encrypts with the given 16-character random prefix; lets tests reproduce WeChat's vectors. */
	String encrypt(String random16, String plaintext) {
		byte[] random = random16.getBytes(StandardCharsets.UTF_8);
		if (random.length != RANDOM_LENGTH) {
			throw new IllegalArgumentException("Random prefix must be " + RANDOM_LENGTH + " bytes");
		}
		byte[] message = plaintext.getBytes(StandardCharsets.UTF_8);
		int length = HEADER_LENGTH + message.length + this.appIdBytes.length;
		int pad = PAD_BLOCK - (length % PAD_BLOCK);
		ByteBuffer buffer = ByteBuffer.allocate(length + pad);
		buffer.put(random).putInt(message.length).put(message).put(this.appIdBytes);
		while (buffer.hasRemaining()) {
			buffer.put((byte) pad);
		}
		return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE, buffer.array()));
	}

	/** Decrypts a Base64 {@code Encrypt} value and checks that the trailing appid is this component's. */
	public String decrypt(String encrypted) {
		byte[] ciphertext = decodeBase64(encrypted);
		if (ciphertext.length == 0 || ciphertext.length % PAD_BLOCK != 0) {
			throw new TamperedCiphertextException(
					"Ciphertext length " + ciphertext.length + " is not a positive multiple of " + PAD_BLOCK);
		}
		byte[] padded = cipher(Cipher.DECRYPT_MODE, ciphertext);
		int length = padded.length - padLength(padded);
		if (length < HEADER_LENGTH) {
			throw new TamperedCiphertextException("Decrypted message is shorter than its header");
		}
		int messageLength = ByteBuffer.wrap(padded, RANDOM_LENGTH, 4).getInt();
		if (messageLength < 0 || messageLength > length - HEADER_LENGTH) {
			throw new TamperedCiphertextException("Decrypted length field points outside the message");
		}
		int appIdStart = HEADER_LENGTH + messageLength;
		if (!Arrays.equals(padded, appIdStart, length, this.appIdBytes, 0, this.appIdBytes.length)) {
			throw new AppIdMismatchException("Message was not encrypted for appid " + this.appId);
		}
		return new String(padded, HEADER_LENGTH, messageLength, StandardCharsets.UTF_8);
	}

	private static byte[] decodeBase64(String encrypted) {
		if (encrypted == null) {
			throw new InvalidBase64Exception("Encrypted value is missing", null);
		}
		try {
			return Base64.getDecoder().decode(encrypted);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidBase64Exception("Encrypted value is not valid Base64", ex);
		}
	}

	private static int padLength(byte[] padded) {
		int pad = padded[padded.length - 1] & 0xFF;
		if (pad < 1 || pad > PAD_BLOCK) {
			throw new InvalidPaddingException("Pad length " + pad + " is outside 1.." + PAD_BLOCK);
		}
		for (int i = padded.length - pad; i < padded.length; i++) {
			if (padded[i] != (byte) pad) {
				throw new InvalidPaddingException("Pad bytes are not all equal to the pad length " + pad);
			}
		}
		return pad;
	}

	private byte[] cipher(int mode, byte[] input) {
		try {
			// Cipher instances are not thread-safe, so one per call.
			Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
			cipher.init(mode, this.key, this.iv);
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			// Every JDK has AES/CBC/NoPadding and input lengths are checked before, so this is a broken runtime.
			throw new IllegalStateException("AES/CBC/NoPadding failed", ex);
		}
	}

	/** {@code sha1(sort(token, timestamp, nonce, encrypt))} as 40 lowercase hex characters. */
	public String msgSignature(String timestamp, String nonce, String encrypted) {
		return sha1Hex(this.token, timestamp, nonce, encrypted);
	}

	/** {@code sha1(sort(token, timestamp, nonce))}: the URL {@code signature} WeChat sends on every push. */
	public String urlSignature(String timestamp, String nonce) {
		return sha1Hex(this.token, timestamp, nonce);
	}

	private static String sha1Hex(String... parts) {
		String[] sorted = parts.clone();
		Arrays.sort(sorted);
		MessageDigest sha1 = sha1();
		for (String part : sorted) {
			sha1.update(part.getBytes(StandardCharsets.UTF_8));
		}
		return HEX.formatHex(sha1.digest());
	}

	private static MessageDigest sha1() {
		try {
			return MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required of every JDK", ex);
		}
	}

	/**
	 * Encrypts a push the way WeChat sends it to the auth-event URL: the envelope
	 * {@code <xml><AppId>..</AppId><Encrypt>..</Encrypt></xml>} and the query parameters that go with it.
	 */
	public EncryptedPush seal(String plaintextXml, String timestamp, String nonce) {
		return seal(randomPrefix(), plaintextXml, timestamp, nonce);
	}

	EncryptedPush seal(String random16, String plaintextXml, String timestamp, String nonce) {
		String encrypted = encrypt(random16, plaintextXml);
		String body = "<xml><AppId><![CDATA[" + this.appId + "]]></AppId><Encrypt><![CDATA[" + encrypted
				+ "]]></Encrypt></xml>";
		return new EncryptedPush(body, timestamp, nonce, urlSignature(timestamp, nonce),
				msgSignature(timestamp, nonce, encrypted));
	}

	/**
	 * Opens a push: reads the envelope with DTDs off, verifies {@code msg_signature} in constant time,
	 * decrypts and checks the trailing appid. Returns the plaintext XML.
	 */
	public String open(String envelopeXml, String timestamp, String nonce, String msgSignature) {
		String encrypted = WeChatXml.parse(envelopeXml).require("Encrypt");
		if (timestamp == null || nonce == null || msgSignature == null) {
			throw new InvalidSignatureException("Push lacks timestamp, nonce or msg_signature");
		}
		// Checked before decrypting, so that nobody without the token can probe the padding or layout checks.
		if (!MessageDigest.isEqual(
				msgSignature(timestamp, nonce, encrypted).getBytes(StandardCharsets.US_ASCII),
				msgSignature.getBytes(StandardCharsets.US_ASCII))) {
			throw new InvalidSignatureException("msg_signature does not match the message");
		}
		return decrypt(encrypted);
	}

	/**
	 * Encrypts a passive reply to a message push (protocol reference §4.5): the XML to return as the response
	 * body, carrying {@code Encrypt}, {@code MsgSignature}, {@code TimeStamp} and {@code Nonce}.
	 */
	public String sealReply(String plaintextXml, String timestamp, String nonce) {
		return sealReply(randomPrefix(), plaintextXml, timestamp, nonce);
	}

	String sealReply(String random16, String plaintextXml, String timestamp, String nonce) {
		String encrypted = encrypt(random16, plaintextXml);
		return "<xml>\n<Encrypt><![CDATA[" + encrypted + "]]></Encrypt>\n<MsgSignature><![CDATA["
				+ msgSignature(timestamp, nonce, encrypted) + "]]></MsgSignature>\n<TimeStamp>" + timestamp
				+ "</TimeStamp>\n<Nonce><![CDATA[" + nonce + "]]></Nonce>\n</xml>";
	}

	/** 16 lowercase hex characters, as WeChat's own prefixes are. */
	private static String randomPrefix() {
		byte[] bytes = new byte[RANDOM_LENGTH / 2];
		RANDOM.nextBytes(bytes);
		return HEX.formatHex(bytes);
	}

}
