package io.atrium.upstream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The meters of calls to WeChat's authorizer APIs, the content API's and the gateway's alike (docs/metrics.md):
 * attempts by API, upstream errors by API and errcode, retries, token replays, Atrium's own rejections and quota
 * breakers tripped. The {@code api} tag is the registry's key ({@link WeChatApis}, {@code other} for unlisted
 * APIs), the {@code errcode} tag WeChat's errcode: both bounded. Never an appid: per-account figures are kept in
 * Redis ({@link UpstreamUsage}) and rolled up into PostgreSQL. Each counter is built once and then found in a map
 * by a key that needs no string building: these run on every call.
 */
public final class UpstreamMetrics {

	/** Why Atrium refused a call before sending it: its limiter's bucket was empty, or a quota breaker is open. */
	public enum Rejection {

		LIMIT("limit"), BREAKER("breaker");

		private final String tag;

		Rejection(String tag) {
			this.tag = tag;
		}

	}

	private final MeterRegistry registry;

	private final Map<String, Counter> calls = new ConcurrentHashMap<>();

	private final Map<ApiCode, Counter> errors = new ConcurrentHashMap<>();

	private final Map<String, Counter> retries = new ConcurrentHashMap<>();

	private final Map<String, Counter> replays = new ConcurrentHashMap<>();

	private final Map<ApiRejection, Counter> rejections = new ConcurrentHashMap<>();

	private final Map<ApiCode, Counter> trips = new ConcurrentHashMap<>();

	public UpstreamMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** One attempt sent to WeChat (retries and replays each count). */
	void called(WeChatApi api) {
		counter(this.calls, api.key(), (key) -> Counter.builder("atrium.upstream.calls")
			.description("Attempts sent to WeChat's authorizer APIs (content API and gateway; retries and replays "
					+ "included), by API")
			.tag("api", key)
			.register(this.registry)).increment();
	}

	/** An attempt WeChat answered with an error; {@code errcode} null when it did not answer in its protocol. */
	void failed(WeChatApi api, Integer errcode) {
		counter(this.errors, new ApiCode(api.key(), errcode), (key) -> Counter.builder("atrium.upstream.errors")
			.description("Attempts WeChat answered with an error, by API and errcode (none: no answer in WeChat's "
					+ "protocol, e.g. HTTP 5xx or I/O)")
			.tag("api", key.api())
			.tag("errcode", key.errcodeTag())
			.register(this.registry)).increment();
	}

	/** A transient fault is retried (another attempt follows after a backoff). */
	public void retried(WeChatApi api) {
		counter(this.retries, api.key(), (key) -> Counter.builder("atrium.upstream.retries")
			.description("Retries of transient faults (errcode -1, HTTP 5xx, I/O) of retryable APIs, by API")
			.tag("api", key)
			.register(this.registry)).increment();
	}

	/** WeChat refused the access token (40001, 40014, 42001): it was healed and the call replayed once. */
	public void replayed(WeChatApi api) {
		counter(this.replays, api.key(), (key) -> Counter.builder("atrium.upstream.replays")
			.description("Calls replayed once after WeChat refused the access token (40001, 40014, 42001) and "
					+ "Atrium healed it, by API")
			.tag("api", key)
			.register(this.registry)).increment();
	}

	/** Atrium refused a call before sending it to WeChat. */
	void rejected(WeChatApi api, Rejection reason) {
		counter(this.rejections, new ApiRejection(api.key(), reason),
				(key) -> Counter.builder("atrium.upstream.rejections")
					.description("Calls Atrium refused (429) without calling WeChat, by API and reason (limit: the "
							+ "account's per-minute or per-day bucket was empty; breaker: a quota breaker is open)")
					.tag("api", key.api())
					.tag("reason", key.reason().tag)
					.register(this.registry))
			.increment();
	}

	/** WeChat said the quota is spent (45009 daily, 45011 per minute): a breaker opened for an account and API. */
	void tripped(WeChatApi api, int errcode) {
		counter(this.trips, new ApiCode(api.key(), errcode), (key) -> Counter.builder("atrium.upstream.breaker.trips")
			.description("Quota breakers opened (an account's API stopped until its quota resets) after WeChat "
					+ "answered 45009 or 45011, by API and errcode")
			.tag("api", key.api())
			.tag("errcode", key.errcodeTag())
			.register(this.registry)).increment();
	}

	private static <K> Counter counter(Map<K, Counter> counters, K key, Function<K, Counter> create) {
		Counter counter = counters.get(key);
		return (counter != null) ? counter : counters.computeIfAbsent(key, create);
	}

	private record ApiCode(String api, Integer errcode) {

		String errcodeTag() {
			return (this.errcode != null) ? this.errcode.toString() : "none";
		}

	}

	private record ApiRejection(String api, Rejection reason) {

	}

}
