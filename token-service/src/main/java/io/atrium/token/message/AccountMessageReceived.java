package io.atrium.token.message;

import java.time.Instant;

import io.atrium.crypto.WeChatXml;

/**
 * A user's message or event for an account Atrium holds, accepted on the message URL: published (a Spring
 * application event) once per message, never for WeChat's retries of it, never for forged, replayed or refused
 * pushes, never for the 全网发布 test accounts. What acts on messages (webhooks to the provider's systems) listens
 * for it.
 * <p>
 * It is published on the request thread before WeChat gets its answer, so that a listener can make the message
 * durable (an outbox row) before WeChat stops retrying. A listener must therefore be quick and must not call
 * WeChat or the provider; one that throws makes the push fail (500), the message is forgotten by the duplicate
 * check, and WeChat's retry publishes it again.
 *
 * @param deliveryId the same for every delivery of one message (a hash of the account and the message's identity:
 * {@code MsgId}, or {@code FromUserName} + {@code CreateTime} + {@code Event}), so receivers can deduplicate too
 * @param appId the account
 * @param tenantId the tenant that holds it
 * @param receivedAt when Atrium accepted it
 * @param msgType {@code text}, {@code image}, ..., {@code event}
 * @param event the event's name for events, else null
 * @param msgId WeChat's message id for messages, else null
 * @param fromUserName the user's openid
 * @param toUserName the account's original id ({@code gh_…})
 * @param createTime when WeChat says the user acted
 * @param fields the plaintext's top-level elements (read with DTDs off)
 * @param xml the decrypted plaintext as WeChat sent it (nested elements included)
 */
public record AccountMessageReceived(String deliveryId, String appId, long tenantId, Instant receivedAt,
		String msgType, String event, String msgId, String fromUserName, String toUserName, Instant createTime,
		WeChatXml fields, String xml) {

	/** What the user wrote stays out of logs. */
	@Override
	public String toString() {
		return "AccountMessageReceived[deliveryId=" + this.deliveryId + ", appId=" + this.appId + ", tenantId="
				+ this.tenantId + ", msgType=" + this.msgType + ", event=" + this.event + ", createTime="
				+ this.createTime + "]";
	}

}
