package io.atrium.token.message;

import java.util.Objects;

/**
 * What the account answers the user in the HTTP answer to WeChat's push (被动回复): a text, or an image or voice
 * by its {@code MediaId}. Sealed with the component's key before it leaves (security mode).
 *
 * @param msgType {@code text}, {@code image} or {@code voice}
 * @param content the text, for {@code text}
 * @param mediaId the material, for {@code image} and {@code voice}
 */
public record PassiveReply(String msgType, String content, String mediaId) {

	/** Far below WeChat's limit for a text reply (2048 bytes); longer content is refused, not cut. */
	static final int MAX_CONTENT = 600;

	public PassiveReply {
		Objects.requireNonNull(msgType, "msgType");
		boolean valid = switch (msgType) {
			case "text" -> content != null && !content.isEmpty() && content.length() <= MAX_CONTENT;
			case "image", "voice" -> mediaId != null && mediaId.matches("[A-Za-z0-9_-]{1,128}");
			default -> false;
		};
		if (!valid) {
			throw new IllegalArgumentException("not a passive reply Atrium sends: " + msgType);
		}
	}

	public static PassiveReply text(String content) {
		return new PassiveReply("text", content, null);
	}

	/** The reply's XML, from the account ({@code gh_…}) to the user. */
	String toXml(String toUser, String fromAccount, long createTime) {
		String body = switch (this.msgType) {
			case "text" -> "<Content><![CDATA[" + cdata(this.content) + "]]></Content>";
			case "image" -> "<Image><MediaId><![CDATA[" + this.mediaId + "]]></MediaId></Image>";
			default -> "<Voice><MediaId><![CDATA[" + this.mediaId + "]]></MediaId></Voice>";
		};
		return "<xml><ToUserName><![CDATA[" + cdata(toUser) + "]]></ToUserName><FromUserName><![CDATA["
				+ cdata(fromAccount) + "]]></FromUserName><CreateTime>" + createTime + "</CreateTime><MsgType><![CDATA["
				+ this.msgType + "]]></MsgType>" + body + "</xml>";
	}

	/** A value cannot end its CDATA section early. */
	private static String cdata(String value) {
		return value.replace("]]>", "]]]]><![CDATA[>");
	}

	@Override
	public String toString() {
		return "PassiveReply[msgType=" + this.msgType + "]";
	}

}
