package io.atrium.sandbox.control;

import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.limits.Counters;
import io.atrium.sandbox.push.PushLog;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.atrium.sandbox.control.ControlJson.ok;
import static io.atrium.sandbox.control.ControlJson.pushJson;

/** What the sandbox observed: {@code /sandbox/counters} (calls and outcomes) and {@code /sandbox/pushes}. */
final class ObservationControl {

	private final Counters counters;

	private final PushLog pushLog;

	ObservationControl(Counters counters, PushLog pushLog) {
		this.counters = counters;
		this.pushLog = pushLog;
	}

	void register(Router router) {
		router.add("GET", "/sandbox/counters", (request) -> ok(this.counters.snapshot()));
		router.add("DELETE", "/sandbox/counters", (request) -> {
			this.counters.reset();
			return Reply.noContent();
		});
		router.add("GET", "/sandbox/pushes", this::listPushes);
		router.add("DELETE", "/sandbox/pushes", (request) -> {
			this.pushLog.clear();
			return Reply.noContent();
		});
	}

	private Reply listPushes(Request request) {
		ObjectNode answer = Json.object();
		ArrayNode list = answer.putArray("pushes");
		this.pushLog.list().forEach((record) -> list.add(pushJson(record)));
		return ok(answer);
	}

}
