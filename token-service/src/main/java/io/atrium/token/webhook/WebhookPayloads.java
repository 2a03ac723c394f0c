package io.atrium.token.webhook;

import java.time.Instant;
import java.util.Map;

import io.atrium.token.message.AccountMessageReceived;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON body of a delivery (documented in {@code docs/webhooks.md}): the message's decrypted fields, its
 * account and tenant, and the delivery id. Built once per message and stored as text, since it is signed byte for
 * byte.
 */
final class WebhookPayloads {

	private static final JsonMapper json = JsonMapper.builder().build();

	private WebhookPayloads() {
	}

	static String of(AccountMessageReceived message) {
		ObjectNode body = json.createObjectNode();
		body.put("id", message.deliveryId());
		body.put("type", "event".equals(message.msgType()) ? "event" : "message");
		body.put("tenantId", message.tenantId());
		body.put("appid", message.appId());
		body.put("receivedAt", message.receivedAt().toString());
		body.put("msgType", message.msgType());
		body.put("event", message.event());
		body.put("msgId", message.msgId());
		body.put("openid", message.fromUserName());
		body.put("toUserName", message.toUserName());
		body.put("createTime", message.createTime().getEpochSecond());
		ObjectNode fields = body.putObject("fields");
		for (Map.Entry<String, String> field : message.fields().elements().entrySet()) {
			fields.put(field.getKey(), field.getValue());
		}
		body.put("xml", message.xml());
		return json.writeValueAsString(body);
	}

	/** What a console test send carries: recognizable as a test, the same envelope. */
	static String test(String deliveryId, Long tenantId, Instant now) {
		ObjectNode body = json.createObjectNode();
		body.put("id", deliveryId);
		body.put("type", "test");
		if (tenantId != null) {
			body.put("tenantId", tenantId);
		}
		else {
			body.putNull("tenantId");
		}
		body.putNull("appid");
		body.put("receivedAt", now.toString());
		body.put("msgType", "test");
		body.putObject("fields");
		return json.writeValueAsString(body);
	}

	/** The kind shown in the delivery log: the MsgType, or {@code event:<name>}. */
	static String kind(AccountMessageReceived message) {
		String kind = "event".equals(message.msgType()) ? "event:" + message.event() : message.msgType();
		return (kind.length() > 64) ? kind.substring(0, 64) : kind;
	}

}
