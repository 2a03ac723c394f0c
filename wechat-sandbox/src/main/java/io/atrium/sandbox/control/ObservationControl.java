package io.atrium.sandbox.control;

import java.time.Duration;

import io.atrium.sandbox.component.AccessTokens;
import io.atrium.sandbox.component.ComponentState;
import io.atrium.sandbox.http.ControlException;
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

/**
 * What the sandbox observed: {@code /sandbox/counters} (calls and outcomes), {@code /sandbox/pushes} and
 * {@code /sandbox/tokens} (how access tokens were renewed).
 */
final class ObservationControl {

	private final Counters counters;

	private final PushLog pushLog;

	private final ComponentState state;

	ObservationControl(Counters counters, PushLog pushLog, ComponentState state) {
		this.counters = counters;
		this.pushLog = pushLog;
		this.state = state;
	}

	void register(Router router) {
		router.add("GET", "/sandbox/counters", (request) -> ok(this.counters.snapshot()));
		router.add("DELETE", "/sandbox/counters", (request) -> {
			this.counters.reset();
			return Reply.noContent();
		});
		router.add("GET", "/sandbox/tokens", (request) -> {
			ObjectNode answer = Json.object();
			ObjectNode authorizer = answer.putObject("authorizer");
			renewalsJson(authorizer, this.state.authorizerTokens().renewals());
			String from = request.query("expiringFrom");
			String to = request.query("expiringTo");
			if (from != null && to != null) {
				authorizer.put("expiringBetween", this.state.authorizerTokens()
					.expiringBetween(Duration.ofSeconds(seconds(from)), Duration.ofSeconds(seconds(to))));
			}
			renewalsJson(answer.putObject("component"), this.state.componentTokens().renewals());
			return ok(answer);
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

	private static long seconds(String value) {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new ControlException(400, "expiringFrom and expiringTo are whole seconds, was '" + value + "'");
		}
	}

	private static void renewalsJson(ObjectNode json, AccessTokens.Renewals renewals) {
		json.put("owners", renewals.owners())
			.put("expiredNow", renewals.expiredNow())
			.put("renewals", renewals.renewals())
			.put("renewalsAfterExpiry", renewals.renewalsAfterExpiry())
			.put("leastSecondsLeft", renewals.leastSecondsLeft());
	}

}
