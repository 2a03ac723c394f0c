package io.atrium.token.message;

import java.time.Instant;

import io.atrium.crypto.WeChatXml;
import io.atrium.token.push.PushRejectedException;

/**
 * A user's message or event as decrypted from a push to the message URL (protocol reference §3.2): the account's
 * original id ({@code ToUserName}), the user ({@code FromUserName}), {@code CreateTime}, {@code MsgType}, and for
 * messages {@code MsgId}, for events {@code Event}. {@code toString} leaves out what the user wrote.
 */
record AccountMessage(String toUserName, String fromUserName, Instant createTime, String msgType, String msgId,
		String event, WeChatXml fields) {

	/**
	 * @throws PushRejectedException 400 when an element every message carries is missing, {@code CreateTime} is
	 * not a number, or an event has no {@code Event}
	 */
	static AccountMessage parse(WeChatXml xml) {
		String toUserName = text(xml, "ToUserName");
		String fromUserName = text(xml, "FromUserName");
		String createTime = text(xml, "CreateTime");
		String msgType = text(xml, "MsgType");
		if (toUserName == null || fromUserName == null || createTime == null || msgType == null) {
			throw PushRejectedException.malformed("message lacks ToUserName, FromUserName, CreateTime or MsgType");
		}
		if (createTime.length() > 12 || !createTime.chars().allMatch(Character::isDigit)) {
			throw PushRejectedException.malformed("CreateTime is not a number");
		}
		String event = text(xml, "Event");
		if ("event".equals(msgType) && event == null) {
			throw PushRejectedException.malformed("event lacks Event");
		}
		return new AccountMessage(toUserName, fromUserName, Instant.ofEpochSecond(Long.parseLong(createTime)), msgType,
				text(xml, "MsgId"), event, xml);
	}

	private static String text(WeChatXml xml, String name) {
		String value = xml.get(name);
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	boolean isEvent() {
		return "event".equals(this.msgType);
	}

	/** {@code Content} of a text message, as written (not stripped); null otherwise. */
	String content() {
		return "text".equals(this.msgType) ? this.fields.get("Content") : null;
	}

	/**
	 * What WeChat's retries of this message have in common and other messages do not: {@code MsgId} for messages,
	 * {@code FromUserName} + {@code CreateTime} for events (WeChat's advice), with the event's name so that two
	 * different events of one user in one second stay apart.
	 */
	String identity() {
		if (this.msgId != null) {
			return "msg:" + this.msgId;
		}
		return "from:" + this.fromUserName + "|" + this.createTime.getEpochSecond() + "|"
				+ (isEvent() ? this.event : this.msgType);
	}

	@Override
	public String toString() {
		return "AccountMessage[msgType=" + this.msgType + ", event=" + this.event + ", createTime=" + this.createTime
				+ ", fields=" + this.fields + "]";
	}

}
