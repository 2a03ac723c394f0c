package io.atrium.token.wechat;

/**
 * WeChat could not be reached or answered outside its protocol (I/O error, HTTP 5xx, unreadable body).
 * Transient by nature; the message names the API, never the URL's token.
 */
public class WeChatUnavailableException extends RuntimeException {

	private final String api;

	public WeChatUnavailableException(String api, String reason, Throwable cause) {
		super(api + " is unavailable: " + reason, cause);
		this.api = api;
	}

	public String api() {
		return this.api;
	}

}
