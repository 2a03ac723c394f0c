package io.atrium.sandbox.limits;

import io.atrium.sandbox.api.ApiEndpoint;

/** One call of a WeChat API in progress: which endpoint, and which account it is counted for. */
public final class ApiCall {

	private final ApiEndpoint endpoint;

	private volatile String appid;

	ApiCall(ApiEndpoint endpoint, String appid) {
		this.endpoint = endpoint;
		this.appid = appid;
	}

	public ApiEndpoint endpoint() {
		return this.endpoint;
	}

	public String appid() {
		return this.appid;
	}

	/** Counts the call for this account once the handler knows which one it concerns. */
	public void attribute(String appid) {
		this.appid = appid;
	}

}
