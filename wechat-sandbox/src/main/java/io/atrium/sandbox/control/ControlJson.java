package io.atrium.sandbox.control;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.push.PushRecord;
import tools.jackson.databind.node.ObjectNode;

/** What the control API's resources share: the 200 answer, the JSON of a push, endpoint lookup. */
final class ControlJson {

	private ControlJson() {
	}

	static Reply ok(ObjectNode body) {
		return Json.reply(200, body);
	}

	/** A push as {@code GET /sandbox/pushes} and the calls that push show it; null stays null. */
	static ObjectNode pushJson(PushRecord record) {
		if (record == null) {
			return null;
		}
		ObjectNode node = Json.object();
		node.put("id", record.id());
		node.put("infoType", record.infoType());
		node.put("createTime", record.createTime());
		node.put("url", record.url());
		node.put("status", record.status());
		node.put("responseBody", record.responseBody());
		node.put("error", record.error());
		node.put("acknowledged", record.acknowledged());
		node.put("plaintext", record.plaintext());
		node.put("target", record.target());
		node.put("appid", record.appid());
		node.put("attempt", record.attempt());
		node.put("reply", record.reply());
		return node;
	}

	/** The API endpoint a fault or quota names; 400 when it is missing or unknown. */
	static ApiEndpoint endpoint(String path) {
		if (path == null) {
			throw ControlException.badRequest("endpoint is required, e.g. /cgi-bin/freepublish/batchget");
		}
		return ApiEndpoint.byPath(path).orElseThrow(() -> ControlException.badRequest("unknown endpoint " + path));
	}

	static <T> T orDefault(T value, T otherwise) {
		return (value != null) ? value : otherwise;
	}

}
