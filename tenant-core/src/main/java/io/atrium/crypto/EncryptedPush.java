package io.atrium.crypto;

/**
 * A push as WeChat POSTs it: the XML envelope body and the query parameters
 * ({@code signature}, {@code timestamp}, {@code nonce}, {@code encrypt_type=aes}, {@code msg_signature}).
 */
public record EncryptedPush(String body, String timestamp, String nonce, String signature, String msgSignature) {

	/** The query string to append to the callback URL, without the leading {@code ?}. */
	public String queryString() {
		return "signature=" + this.signature + "&timestamp=" + this.timestamp + "&nonce=" + this.nonce
				+ "&encrypt_type=aes&msg_signature=" + this.msgSignature;
	}

}
