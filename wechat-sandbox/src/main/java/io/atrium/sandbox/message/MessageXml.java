package io.atrium.sandbox.message;

/**
 * The plaintext XML of users' messages and events as WeChat delivers them to a message URL (protocol reference
 * §3.2: {@code ToUserName} the account's original id, {@code FromUserName} the user's openid, {@code CreateTime},
 * {@code MsgType}; strings in CDATA, numbers bare, no whitespace between elements).
 */
public final class MessageXml {

	private MessageXml() {
	}

	public static String text(String toUserName, String fromUserName, long createTime, String content, long msgId) {
		return "<xml><ToUserName><![CDATA[" + cdata(toUserName) + "]]></ToUserName><FromUserName><![CDATA["
				+ cdata(fromUserName) + "]]></FromUserName><CreateTime>" + createTime
				+ "</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + cdata(content)
				+ "]]></Content><MsgId>" + msgId + "</MsgId></xml>";
	}

	/** An event; {@code eventKey} may be null (subscribe without a scene, most events). */
	public static String event(String toUserName, String fromUserName, long createTime, String event,
			String eventKey) {
		return "<xml><ToUserName><![CDATA[" + cdata(toUserName) + "]]></ToUserName><FromUserName><![CDATA["
				+ cdata(fromUserName) + "]]></FromUserName><CreateTime>" + createTime
				+ "</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[" + cdata(event) + "]]></Event>"
				+ ((eventKey != null) ? "<EventKey><![CDATA[" + cdata(eventKey) + "]]></EventKey>" : "") + "</xml>";
	}

	/** A value cannot end its CDATA section early. */
	static String cdata(String value) {
		return value.replace("]]>", "]]]]><![CDATA[>");
	}

}
