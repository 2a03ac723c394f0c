package io.atrium.upstream;

import java.time.Duration;

import io.atrium.wechat.WeChatError;

/**
 * No call to WeChat was made, or WeChat refused it, because the account's quota for this API is spent: Atrium's
 * own limit, WeChat's minute quota (45011) or its daily quota (45009). Answered 429 with {@code Retry-After}.
 */
public class RateLimitedException extends RuntimeException {

	private final String appId;

	private final Duration retryAfter;

	private final WeChatError error;

	public RateLimitedException(String appId, WeChatApi endpoint, Duration retryAfter, WeChatError error, String why) {
		super(why + " for " + appId + " on " + endpoint.path() + "; retry after " + retryAfter.toSeconds() + " s");
		this.appId = appId;
		this.retryAfter = retryAfter;
		this.error = error;
	}

	public String appId() {
		return this.appId;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	/** WeChat's error when WeChat said so (45009, 45011), else null (Atrium's own limit). */
	public WeChatError error() {
		return this.error;
	}

}
