package io.atrium.wechat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error WeChat answered with ({@code {"errcode":N,"errmsg":"... rid: ..."}}, HTTP 200). WeChat's messages
 * carry no secrets, so the error may be logged and shown; the {@code rid} lets WeChat support find the call.
 */
public record WeChatError(int errcode, String errmsg) {

	private static final Pattern RID = Pattern.compile("\\brid:\\s*([0-9A-Za-z-]+)");

	public WeChatErrorKind kind() {
		return WeChatErrorKind.of(this.errcode);
	}

	/** The request id WeChat appended to the message, or null when there is none. */
	public String rid() {
		if (this.errmsg == null) {
			return null;
		}
		Matcher matcher = RID.matcher(this.errmsg);
		return matcher.find() ? matcher.group(1) : null;
	}

}
