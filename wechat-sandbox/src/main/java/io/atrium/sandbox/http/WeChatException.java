package io.atrium.sandbox.http;

/** An error WeChat answers as HTTP 200 {@code {"errcode":N,"errmsg":"... rid: ..."}}. */
public class WeChatException extends RuntimeException {

	private final int errcode;

	private final String errmsg;

	public WeChatException(int errcode, String errmsg) {
		super(errcode + " " + errmsg, null, false, false);
		this.errcode = errcode;
		this.errmsg = errmsg;
	}

	public int errcode() {
		return this.errcode;
	}

	public String errmsg() {
		return this.errmsg;
	}

}
