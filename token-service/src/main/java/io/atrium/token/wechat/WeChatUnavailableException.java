package io.atrium.token.wechat;

import feign.FeignException;

/**
 * WeChat could not be reached or answered outside its protocol (I/O error, HTTP 5xx, unreadable body). It keeps
 * the HTTP status but deliberately not Feign's exception: Feign's messages quote the request URL, and WeChat's URLs
 * carry the access token in their query string.
 */
public class WeChatUnavailableException extends RuntimeException {

	private final String api;

	private final int status;

	/**
	 * @param status the HTTP status WeChat answered with, or a value below 1 when there was no answer (I/O error)
	 */
	public WeChatUnavailableException(String api, int status, String reason) {
		super(api + " is unavailable: " + reason, null, false, true);
		this.api = api;
		this.status = status;
	}

	/** Translates a Feign failure, keeping its status and the name of its kind, never its message. */
	public static WeChatUnavailableException from(String api, FeignException ex) {
		String reason = (ex.status() > 0) ? "HTTP " + ex.status() : ex.getClass().getSimpleName()
				+ ((ex.getCause() != null) ? " (" + ex.getCause().getClass().getSimpleName() + ")" : "");
		return new WeChatUnavailableException(api, ex.status(), reason);
	}

	public String api() {
		return this.api;
	}

	/** The HTTP status, or a value below 1 when WeChat did not answer. */
	public int status() {
		return this.status;
	}

	/**
	 * What went wrong in Atrium's own words ({@code HTTP 503}, or "no answer ..."), short and safe to show
	 * operators: built from the status alone, never from a message that could quote a URL with a token.
	 */
	public String summary() {
		if (this.status >= 200 && this.status < 300) {
			return "HTTP " + this.status + " with an unreadable body";
		}
		if (this.status > 0) {
			return "HTTP " + this.status;
		}
		return "no answer (connection failed or timed out)";
	}

	/** Worth trying again: no answer at all, or a 5xx. A 4xx or an unreadable 200 would fail the same way again. */
	public boolean isTransient() {
		return this.status <= 0 || this.status >= 500;
	}

}
