package io.atrium.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * What WeChat (the sandbox) saw of Atrium: its call counters per account and API, and the limits both sides are
 * configured with for the run.
 */
public final class Upstream {

	/** Atrium's default per-minute limits per account (atrium.upstream.apis.*.per-minute) and the API paths they cover. */
	public static final Map<String, Integer> ATRIUM_PER_MINUTE = Map.of("/cgi-bin/freepublish/batchget", 60,
			"/cgi-bin/freepublish/getarticle", 120, "/cgi-bin/material/batchget_material", 60,
			"/cgi-bin/material/get_materialcount", 30);

	/** Atrium's default per-day limit per account and API. */
	public static final int ATRIUM_PER_DAY = 5000;

	private final String sandbox;

	private final Map<String, Integer> perMinute;

	private final Http http = Http.plain(Duration.ofSeconds(30));

	/** With Atrium's default limits. */
	public Upstream(String sandboxBaseUrl) {
		this(sandboxBaseUrl, ATRIUM_PER_MINUTE);
	}

	/** With the per-minute limits Atrium was started with, by API path. */
	public Upstream(String sandboxBaseUrl, Map<String, Integer> perMinute) {
		this.sandbox = sandboxBaseUrl;
		this.perMinute = perMinute;
	}

	/**
	 * WeChat's limits for the run: a multiple of Atrium's per minute and a little above Atrium's per day. Atrium's
	 * limits are what must keep every account below them: a 45011 or 45009 from the sandbox fails the run. Twice
	 * is what a token bucket of one minute's calls keeps to (full at the start of a calendar minute and refilled
	 * during it, it lets through at most twice its rate in that minute); three times when Redis may lose the
	 * buckets (they come back full while WeChat's minute still holds the calls made before).
	 * @param timesAtrium WeChat's per-minute limit as a multiple of Atrium's
	 */
	public void setQuotas(int timesAtrium) {
		this.perMinute.forEach((endpoint, perMinute) -> {
			Answer answer = this.http.putJson(this.sandbox + "/sandbox/quotas", Json.write(Map.of("endpoint", endpoint,
					"perMinute", timesAtrium * perMinute, "dailyLimit", ATRIUM_PER_DAY + 1000)));
			if (answer.status() != 200) {
				throw new IllegalStateException("Sandbox quotas: " + answer.status() + " " + answer.body());
			}
		});
	}

	public void resetCounters() {
		this.http.delete(this.sandbox + "/sandbox/counters");
	}

	public void pushTicket() {
		this.http.postJson(this.sandbox + "/sandbox/tickets/push", "{}");
	}

	public JsonNode counters() {
		return Json.read(this.http.get(this.sandbox + "/sandbox/counters").body());
	}

	/** Calls and errors by API over every account, from the counters. */
	public static Map<String, String> byEndpoint(JsonNode counters) {
		Map<String, String> lines = new TreeMap<>();
		counters.get("endpoints").properties().forEach((entry) -> lines.put(entry.getKey(),
				"calls " + entry.getValue().get("calls").asLong() + ", errors " + entry.getValue().get("errors")));
		return lines;
	}

	/**
	 * Rule breaches in the counters: an upstream limit reached (45009, 45011), a token WeChat did not accept
	 * (40001, 42001, 41001) or a refresh it refused (61023, ...), or more calls to an account's API over
	 * {@code minutes} than Atrium's limit allows ({@code limit × (minutes + 1)}, the bucket starting full).
	 */
	public static List<String> breaches(JsonNode counters, double minutes) {
		List<String> breaches = new ArrayList<>();
		counters.get("endpoints").properties().forEach((entry) -> {
			JsonNode errors = entry.getValue().get("errors");
			if (errors != null && !errors.isEmpty()) {
				for (String code : List.of("45009", "45011", "40001", "42001", "41001", "61023", "61005", "61006")) {
					if (errors.get(code) != null) {
						breaches.add(entry.getKey() + " answered " + code + " " + errors.get(code).asLong() + " times");
					}
				}
			}
		});
		counters.get("accounts").properties().forEach((account) -> account.getValue().properties().forEach((api) -> {
			Integer limit = ATRIUM_PER_MINUTE.get(api.getKey());
			if (limit != null) {
				long calls = api.getValue().get("calls").asLong();
				if (calls > limit * (Math.ceil(minutes) + 1)) {
					breaches.add(account.getKey() + " " + api.getKey() + ": " + calls + " calls in " + minutes
							+ " min, above Atrium's limit of " + limit + "/min");
				}
			}
		}));
		return breaches;
	}

	/** The most calls any one account made to each API. */
	public static Map<String, Long> busiestAccount(JsonNode counters) {
		Map<String, Long> worst = new TreeMap<>();
		counters.get("accounts").properties().forEach((account) -> account.getValue().properties()
			.forEach((api) -> worst.merge(api.getKey(), api.getValue().get("calls").asLong(), Math::max)));
		return worst;
	}

}
