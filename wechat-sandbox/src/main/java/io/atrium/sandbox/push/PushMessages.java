package io.atrium.sandbox.push;

/**
 * The plaintext XML of the pushes to the auth-event URL, laid out as in the protocol reference §3.1 (string values
 * in CDATA, numbers bare, no whitespace between elements).
 */
public final class PushMessages {

	private final String componentAppId;

	public PushMessages(String componentAppId) {
		this.componentAppId = componentAppId;
	}

	public String verifyTicket(long createTime, String ticket) {
		return "<xml><AppId><![CDATA[" + cdata(this.componentAppId) + "]]></AppId><CreateTime>" + createTime
				+ "</CreateTime><InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA["
				+ cdata(ticket) + "]]></ComponentVerifyTicket></xml>";
	}

	/**
	 * {@code authorized} or {@code updateauthorized}.
	 * @param authorizationCodeExpiredTime absolute Unix seconds (the reference leaves open whether WeChat sends a
	 * time or a duration; WxJava maps it to a Long; the sandbox sends the time)
	 */
	public String authorization(String infoType, long createTime, String authorizerAppid, String authorizationCode,
			long authorizationCodeExpiredTime, String preAuthCode) {
		return "<xml><AppId><![CDATA[" + cdata(this.componentAppId) + "]]></AppId><CreateTime>" + createTime
				+ "</CreateTime><InfoType><![CDATA[" + cdata(infoType) + "]]></InfoType><AuthorizerAppid><![CDATA["
				+ cdata(authorizerAppid) + "]]></AuthorizerAppid><AuthorizationCode><![CDATA["
				+ cdata(authorizationCode) + "]]></AuthorizationCode><AuthorizationCodeExpiredTime>"
				+ authorizationCodeExpiredTime + "</AuthorizationCodeExpiredTime><PreAuthCode><![CDATA["
				+ cdata(preAuthCode) + "]]></PreAuthCode></xml>";
	}

	public String unauthorized(long createTime, String authorizerAppid) {
		return "<xml><AppId><![CDATA[" + cdata(this.componentAppId) + "]]></AppId><CreateTime>" + createTime
				+ "</CreateTime><InfoType><![CDATA[unauthorized]]></InfoType><AuthorizerAppid><![CDATA["
				+ cdata(authorizerAppid) + "]]></AuthorizerAppid></xml>";
	}

	/** The sandbox's own values never hold "]]>"; guard anyway so that a value cannot end its CDATA section. */
	private static String cdata(String value) {
		return value.replace("]]>", "]]]]><![CDATA[>");
	}

}
