package io.atrium.sandbox.limits;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls per endpoint and per account and endpoint, with their outcomes: {@code ok}, or the errcode, or
 * {@code http_NNN} for an injected bare HTTP status.
 */
public final class Counters {

	private final Map<ApiEndpoint, Tally> byEndpoint = new ConcurrentHashMap<>();

	private final Map<String, Map<ApiEndpoint, Tally>> byAccount = new ConcurrentHashMap<>();

	public void record(ApiEndpoint endpoint, String appid, String outcome) {
		this.byEndpoint.computeIfAbsent(endpoint, (key) -> new Tally()).add(outcome);
		if (appid != null) {
			this.byAccount.computeIfAbsent(appid, (key) -> new ConcurrentHashMap<>())
				.computeIfAbsent(endpoint, (key) -> new Tally())
				.add(outcome);
		}
	}

	/**
	 * {@code {"endpoints":{path:{calls,ok,errors:{code:n}}}, "accounts":{appid:{path:{...}}}}}.
	 */
	public ObjectNode snapshot() {
		ObjectNode root = Json.object();
		ObjectNode endpoints = root.putObject("endpoints");
		new TreeMap<>(pathKeyed(this.byEndpoint)).forEach((path, tally) -> endpoints.set(path, tally.toJson()));
		ObjectNode accounts = root.putObject("accounts");
		new TreeMap<>(this.byAccount).forEach((appid, tallies) -> {
			ObjectNode account = accounts.putObject(appid);
			new TreeMap<>(pathKeyed(tallies)).forEach((path, tally) -> account.set(path, tally.toJson()));
		});
		return root;
	}

	public void reset() {
		this.byEndpoint.clear();
		this.byAccount.clear();
	}

	private static Map<String, Tally> pathKeyed(Map<ApiEndpoint, Tally> tallies) {
		Map<String, Tally> keyed = new TreeMap<>();
		tallies.forEach((endpoint, tally) -> keyed.put(endpoint.path(), tally));
		return keyed;
	}

	private static final class Tally {

		private final LongAdder calls = new LongAdder();

		private final LongAdder ok = new LongAdder();

		private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

		void add(String outcome) {
			this.calls.increment();
			if ("ok".equals(outcome)) {
				this.ok.increment();
			}
			else {
				this.errors.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
			}
		}

		ObjectNode toJson() {
			ObjectNode node = Json.object();
			node.put("calls", this.calls.sum());
			node.put("ok", this.ok.sum());
			ObjectNode errorNode = node.putObject("errors");
			new TreeMap<>(this.errors).forEach((code, count) -> errorNode.put(code, count.sum()));
			return node;
		}

	}

}
