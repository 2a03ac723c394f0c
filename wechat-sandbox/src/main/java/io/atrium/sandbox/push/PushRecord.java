package io.atrium.sandbox.push;

import io.atrium.sandbox.support.Redaction;

/**
 * One push attempt as the push log shows it: a push to the auth-event URL, or one attempt to deliver a user's
 * message or event to an account's message URL.
 *
 * @param id sequence number, from 1
 * @param infoType {@code component_verify_ticket}, {@code authorized}, {@code updateauthorized}, {@code unauthorized};
 * for a message the plaintext's {@code MsgType} ({@code text}, {@code event}, ...)
 * @param createTime the plaintext's CreateTime (sandbox clock, Unix seconds)
 * @param url the URL with the push's query string
 * @param status the receiver's HTTP status, null when no answer came
 * @param responseBody the receiver's body (cut to 1,000 characters), null when no answer came
 * @param error why the push failed before an answer came, else null
 * @param acknowledged whether the receiver answered as WeChat expects: 200 {@code success} on the auth-event URL;
 * 200 with {@code success}, an empty body or a passive reply that opens with the component's key on a message URL
 * @param plaintext the XML before encryption
 * @param target {@code auth-event} or {@code message}
 * @param appid the account a message was for; null for auth-event pushes
 * @param attempt 1 for the first delivery of a message, 2 and 3 for WeChat's retries (always 1 for auth-event pushes)
 * @param reply the decrypted passive reply to a message, null when there was none
 */
public record PushRecord(long id, String infoType, long createTime, String url, Integer status, String responseBody,
		String error, boolean acknowledged, String plaintext, String target, String appid, int attempt,
		String reply) {

	public static final String AUTH_EVENT = "auth-event";

	public static final String MESSAGE = "message";

	/** A push to the auth-event URL. */
	public PushRecord(long id, String infoType, long createTime, String url, Integer status, String responseBody,
			String error, boolean acknowledged, String plaintext) {
		this(id, infoType, createTime, url, status, responseBody, error, acknowledged, plaintext, AUTH_EVENT, null, 1,
				null);
	}

	/** The plaintext carries tickets, authorization codes and users' messages: it stays out of logs. */
	@Override
	public String toString() {
		return "PushRecord[id=" + this.id + ", target=" + this.target + ", infoType=" + this.infoType + ", appid="
				+ this.appid + ", attempt=" + this.attempt + ", createTime=" + this.createTime + ", status="
				+ this.status + ", error=" + this.error + ", acknowledged=" + this.acknowledged + ", plaintext="
				+ Redaction.maskText(this.plaintext) + ", reply=" + Redaction.maskText(this.reply) + "]";
	}

}
