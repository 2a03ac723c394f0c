package io.atrium.token.message;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import tools.jackson.databind.JsonNode;

/**
 * WeChat's customer-service message (客服消息, protocol reference §3.2), sent with an authorizer access token. Feign's
 * logging stays off: the token travels in the query string.
 */
@Headers("Content-Type: application/json")
interface CustomMessageApi {

	@RequestLine("POST /cgi-bin/message/custom/send?access_token={token}")
	JsonNode send(@Param("token") String authorizerAccessToken, CustomMessage message);

	/** {@code {"touser":"OPENID","msgtype":"text","text":{"content":"..."}}}. */
	record CustomMessage(String touser, String msgtype, Text text) {

		static CustomMessage text(String openid, String content) {
			return new CustomMessage(openid, "text", new Text(content));
		}

		@Override
		public String toString() {
			return "CustomMessage[msgtype=" + this.msgtype + "]";
		}

	}

	record Text(String content) {

		@Override
		public String toString() {
			return "Text[" + this.content.length() + " chars]";
		}

	}

}
