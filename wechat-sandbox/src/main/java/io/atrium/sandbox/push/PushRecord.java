package io.atrium.sandbox.push;

import io.atrium.sandbox.support.Redaction;

/**
 * One push attempt as the push log shows it.
 *
 * @param id sequence number, from 1
 * @param infoType {@code component_verify_ticket}, {@code authorized}, {@code updateauthorized}, {@code unauthorized}
 * @param createTime the plaintext's CreateTime (sandbox clock, Unix seconds)
 * @param url the callback URL with the push's query string
 * @param status the receiver's HTTP status, null when no answer came
 * @param responseBody the receiver's body (cut to 1,000 characters), null when no answer came
 * @param error why the push failed before an answer came, else null
 * @param acknowledged whether the receiver answered 200 {@code success}
 * @param plaintext the XML before encryption
 */
public record PushRecord(long id, String infoType, long createTime, String url, Integer status, String responseBody,
		String error, boolean acknowledged, String plaintext) {

	/** The plaintext carries tickets and authorization codes: it stays out of logs. */
	@Override
	public String toString() {
		return "PushRecord[id=" + this.id + ", infoType=" + this.infoType + ", createTime=" + this.createTime
				+ ", status=" + this.status + ", error=" + this.error + ", acknowledged=" + this.acknowledged
				+ ", plaintext=" + Redaction.maskText(this.plaintext) + "]";
	}

}
