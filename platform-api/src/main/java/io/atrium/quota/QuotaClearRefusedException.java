package io.atrium.quota;

import io.atrium.wechat.WeChatError;

/**
 * A clear_quota that was not made: this month's allowance is spent (Atrium counted it, or WeChat said 48006).
 */
public class QuotaClearRefusedException extends RuntimeException {

	private final WeChatError error;

	QuotaClearRefusedException(String appId, WeChatError error) {
		super((error == null) ? "This month's clear_quota allowance of " + appId + " is spent"
				: "WeChat refused to clear the quota of " + appId + " (errcode " + error.errcode() + ")");
		this.error = error;
	}

	/** WeChat's error when WeChat refused, else null (Atrium's count). */
	public WeChatError error() {
		return this.error;
	}

}
