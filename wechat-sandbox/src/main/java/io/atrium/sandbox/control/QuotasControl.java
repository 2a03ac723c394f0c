package io.atrium.sandbox.control;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.ControlException;
import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;
import io.atrium.sandbox.limits.QuotaLimit;
import io.atrium.sandbox.limits.Quotas;
import tools.jackson.databind.node.ObjectNode;

import static io.atrium.sandbox.control.ControlJson.endpoint;
import static io.atrium.sandbox.control.ControlJson.ok;
import static io.atrium.sandbox.control.ControlJson.orDefault;

/** {@code /sandbox/quotas}: the default limits and the overrides in force. */
final class QuotasControl {

	private final Quotas quotas;

	QuotasControl(Quotas quotas) {
		this.quotas = quotas;
	}

	void register(Router router) {
		router.add("GET", "/sandbox/quotas", this::listQuotas);
		router.add("PUT", "/sandbox/quotas", this::setQuota);
	}

	private Reply listQuotas(Request request) {
		ObjectNode answer = Json.object();
		ObjectNode defaults = answer.putObject("defaults");
		Quotas.defaultLimits().forEach((endpoint, limit) -> defaults.set(endpoint.path(), limitJson(limit)));
		ObjectNode overrides = answer.putObject("overrides");
		this.quotas.overrides().forEach((key, limit) -> overrides.set(key, limitJson(limit)));
		return ok(answer);
	}

	/** Sets one endpoint's limits, for one appid or for all; a limit left out keeps its current value. */
	private Reply setQuota(Request request) {
		ControlBody body = ControlBody.of(request);
		ApiEndpoint endpoint = endpoint(body.string("endpoint"));
		if (!Quotas.isMetered(endpoint)) {
			throw ControlException.badRequest(endpoint.path() + " has no quota");
		}
		String appid = body.string("appid");
		Long daily = body.number("dailyLimit");
		Long perMinute = body.number("perMinute");
		if (daily == null && perMinute == null) {
			throw ControlException.badRequest("dailyLimit or perMinute is required");
		}
		QuotaLimit current = this.quotas.limit(appid, endpoint);
		QuotaLimit limit;
		try {
			limit = new QuotaLimit(orDefault(daily, current.dailyLimit()), orDefault(perMinute, current.perMinute()));
		}
		catch (IllegalArgumentException ex) {
			throw ControlException.badRequest(ex.getMessage());
		}
		this.quotas.set(endpoint, appid, limit);
		ObjectNode answer = limitJson(limit);
		answer.put("endpoint", endpoint.path());
		answer.put("appid", appid);
		return ok(answer);
	}

	private static ObjectNode limitJson(QuotaLimit limit) {
		ObjectNode node = Json.object();
		node.put("dailyLimit", limit.dailyLimit());
		node.put("perMinute", limit.perMinute());
		return node;
	}

}
