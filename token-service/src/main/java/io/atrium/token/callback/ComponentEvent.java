package io.atrium.token.callback;

import java.time.Instant;

import io.atrium.crypto.WeChatXml;
import io.atrium.token.push.PushRejectedException;

/**
 * A decrypted push to the auth-event URL: who it is for ({@code AppId}), what it is ({@code InfoType}), when WeChat
 * made it ({@code CreateTime}) and its other fields. {@code toString} names the type only: the fields carry tickets
 * and authorization codes.
 */
record ComponentEvent(String appId, String infoType, Instant createTime, WeChatXml fields) {

	/**
	 * Reads a decrypted plaintext (already parsed with DTDs off).
	 * @throws PushRejectedException when a required element is missing or not a number where one is expected
	 */
	static ComponentEvent parse(WeChatXml xml) {
		String appId = xml.get("AppId");
		String infoType = xml.get("InfoType");
		String createTime = xml.get("CreateTime");
		if (appId == null || infoType == null || infoType.isBlank() || createTime == null) {
			throw PushRejectedException.malformed("event lacks AppId, InfoType or CreateTime");
		}
		return new ComponentEvent(appId.strip(), infoType.strip(), Instant.ofEpochSecond(seconds(createTime)), xml);
	}

	private static long seconds(String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw PushRejectedException.malformed("CreateTime is not a number");
		}
	}

	/** The text of a field, or null. */
	String get(String name) {
		String value = this.fields.get(name);
		return (value != null) ? value.strip() : null;
	}

	/** The text of a field that this event type must carry. */
	String require(String name) {
		String value = get(name);
		if (value == null || value.isEmpty()) {
			throw PushRejectedException.malformed(this.infoType + " event lacks " + name);
		}
		return value;
	}

	@Override
	public String toString() {
		return "ComponentEvent[infoType=" + this.infoType + ", createTime=" + this.createTime + "]";
	}

}
