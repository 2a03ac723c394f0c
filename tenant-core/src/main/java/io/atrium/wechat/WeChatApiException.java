package io.atrium.wechat;

/**
 * A WeChat API answered with an error. Carries the API path and the error; never a token or a secret.
 */
public class WeChatApiException extends RuntimeException {

	private final String api;

	private final WeChatError error;

	public WeChatApiException(String api, WeChatError error) {
		super(api + " answered errcode " + error.errcode() + ": " + error.errmsg());
		this.api = api;
		this.error = error;
	}

	/** The API path, e.g. {@code /cgi-bin/component/api_authorizer_token}. */
	public String api() {
		return this.api;
	}

	public WeChatError error() {
		return this.error;
	}

	public int errcode() {
		return this.error.errcode();
	}

	public WeChatErrorKind kind() {
		return this.error.kind();
	}

}
