package io.atrium.sandbox.control;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.limits.Fault;
import io.atrium.sandbox.limits.Faults;
import io.atrium.sandbox.limits.Latency;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.atrium.sandbox.control.ControlJson.endpoint;
import static io.atrium.sandbox.control.ControlJson.ok;
import static io.atrium.sandbox.control.ControlJson.orDefault;

/** {@code /sandbox/faults}: list, add and clear injected faults; {@code /sandbox/latency}: every call's latency. */
final class FaultsControl {

	private final Faults faults;

	private final Latency latency;

	FaultsControl(Faults faults, Latency latency) {
		this.faults = faults;
		this.latency = latency;
	}

	void register(Router router) {
		router.add("GET", "/sandbox/faults", this::listFaults);
		router.add("POST", "/sandbox/faults", this::addFault);
		router.add("DELETE", "/sandbox/faults", (request) -> {
			this.faults.clear();
			return Reply.noContent();
		});
		router.add("GET", "/sandbox/latency", (request) -> ok(latencyJson()));
		router.add("PUT", "/sandbox/latency", this::setLatency);
	}

	private Reply setLatency(Request request) {
		ControlBody body = ControlBody.of(request);
		Long min = body.number("minMillis");
		Long max = orDefault(body.number("maxMillis"), min);
		if (min == null) {
			throw ControlException.badRequest("minMillis is required");
		}
		try {
			this.latency.set(min, max);
		}
		catch (IllegalArgumentException ex) {
			throw ControlException.badRequest(ex.getMessage());
		}
		return ok(latencyJson());
	}

	private ObjectNode latencyJson() {
		Latency.Range range = this.latency.range();
		return Json.object().put("minMillis", range.minMillis()).put("maxMillis", range.maxMillis());
	}

	private Reply listFaults(Request request) {
		ObjectNode answer = Json.object();
		ArrayNode list = answer.putArray("faults");
		for (Faults.Active active : this.faults.list()) {
			Fault fault = active.fault();
			ObjectNode item = list.addObject();
			item.put("id", active.id());
			item.put("endpoint", fault.endpoint().path());
			item.put("appid", fault.appid());
			item.put("errcode", fault.errcode());
			item.put("errmsg", fault.errmsg());
			item.put("httpStatus", fault.httpStatus());
			item.put("delayMillis", fault.delayMillis());
			item.put("remaining", active.remaining());
			item.put("probability", fault.probability());
		}
		return ok(answer);
	}

	private Reply addFault(Request request) {
		ControlBody body = ControlBody.of(request);
		ApiEndpoint endpoint = endpoint(body.string("endpoint"));
		Fault fault;
		try {
			fault = new Fault(endpoint, body.string("appid"), body.integer("errcode"), body.string("errmsg"),
					body.integer("httpStatus"), orDefault(body.number("delayMillis"), 0L), body.integer("times"),
					orDefault(body.decimal("probability"), 1.0));
		}
		catch (IllegalArgumentException ex) {
			throw ControlException.badRequest(ex.getMessage());
		}
		ObjectNode answer = Json.object();
		answer.put("id", this.faults.add(fault));
		return Json.reply(201, answer);
	}

}
