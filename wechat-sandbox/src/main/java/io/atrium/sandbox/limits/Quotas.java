package io.atrium.sandbox.limits;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.atrium.sandbox.api.ApiEndpoint;
import io.atrium.sandbox.http.WeChatError;

/**
 * Daily and per-minute quotas per account and API. The account is the authorizer for business APIs and the
 * component itself for component APIs (protocol reference §7). Days roll over at midnight Asia/Shanghai and minutes
 * on the minute, both by the sandbox clock.
 */
public final class Quotas {

	static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

	/**
	 * Defaults: WeChat publishes no numbers for most of these (UNCONFIRMED); api_component_token's 10,000 a day is
	 * community-reported. The rest are generous, so that only tests that lower them meet 45009/45011.
	 */
	private static final Map<ApiEndpoint, QuotaLimit> DEFAULTS = defaults();

	private final Clock clock;

	private final Map<LimitKey, QuotaLimit> overrides = new ConcurrentHashMap<>();

	private final Map<UsageKey, Usage> usage = new ConcurrentHashMap<>();

	public Quotas(Clock clock) {
		this.clock = clock;
	}

	private static Map<ApiEndpoint, QuotaLimit> defaults() {
		Map<ApiEndpoint, QuotaLimit> limits = new EnumMap<>(ApiEndpoint.class);
		limits.put(ApiEndpoint.COMPONENT_TOKEN, new QuotaLimit(10_000, 1_000));
		limits.put(ApiEndpoint.START_PUSH_TICKET, new QuotaLimit(10_000, 1_000));
		for (ApiEndpoint endpoint : new ApiEndpoint[] { ApiEndpoint.CREATE_PREAUTHCODE, ApiEndpoint.QUERY_AUTH,
				ApiEndpoint.AUTHORIZER_TOKEN, ApiEndpoint.GET_AUTHORIZER_INFO, ApiEndpoint.GET_AUTHORIZER_LIST }) {
			limits.put(endpoint, new QuotaLimit(1_000_000, 50_000));
		}
		for (ApiEndpoint endpoint : new ApiEndpoint[] { ApiEndpoint.FREEPUBLISH_BATCHGET,
				ApiEndpoint.FREEPUBLISH_GETARTICLE, ApiEndpoint.MATERIAL_BATCHGET, ApiEndpoint.MATERIAL_COUNT, ApiEndpoint.MATERIAL_GET,
				ApiEndpoint.CUSTOM_SEND, ApiEndpoint.MENU_CREATE, ApiEndpoint.MENU_GET, ApiEndpoint.MEDIA_UPLOAD,
				ApiEndpoint.MEDIA_GET }) {
			limits.put(endpoint, new QuotaLimit(1_000_000, 50_000));
		}
		return Collections.unmodifiableMap(limits);
	}

	/** The built-in limits; endpoints missing here (clear_quota, quota/get, rid/get) are not metered. */
	public static Map<ApiEndpoint, QuotaLimit> defaultLimits() {
		return DEFAULTS;
	}

	public static boolean isMetered(ApiEndpoint endpoint) {
		return DEFAULTS.containsKey(endpoint);
	}

	/** The limit in force: one set for this account, else one set for the endpoint, else the default. */
	public QuotaLimit limit(String account, ApiEndpoint endpoint) {
		QuotaLimit limit = this.overrides.get(new LimitKey(endpoint, account));
		if (limit == null) {
			limit = this.overrides.get(new LimitKey(endpoint, null));
		}
		return (limit != null) ? limit : DEFAULTS.get(endpoint);
	}

	/**
	 * Counts one call, or throws 45009 (daily quota used up) or 45011 (minute quota used up); a refused call does
	 * not count.
	 */
	public void consume(String account, ApiEndpoint endpoint) {
		QuotaLimit limit = limit(account, endpoint);
		if (limit == null) {
			return;
		}
		Usage counter = this.usage.computeIfAbsent(new UsageKey(account, endpoint), (key) -> new Usage());
		long now = this.clock.millis();
		synchronized (counter) {
			counter.roll(now);
			if (counter.dayUsed >= limit.dailyLimit()) {
				throw WeChatError.DAILY_QUOTA.exception();
			}
			if (counter.minuteUsed >= limit.perMinute()) {
				throw WeChatError.MINUTE_QUOTA.exception();
			}
			counter.dayUsed++;
			counter.minuteUsed++;
		}
	}

	public QuotaStatus status(String account, ApiEndpoint endpoint) {
		QuotaLimit limit = limit(account, endpoint);
		Usage counter = this.usage.get(new UsageKey(account, endpoint));
		long used = 0;
		if (counter != null) {
			synchronized (counter) {
				counter.roll(this.clock.millis());
				used = counter.dayUsed;
			}
		}
		return new QuotaStatus(limit.dailyLimit(), used, limit.perMinute());
	}

	/** Sets the limits of an endpoint for one account, or for every account when {@code account} is null. */
	public void set(ApiEndpoint endpoint, String account, QuotaLimit limit) {
		if (!isMetered(endpoint)) {
			throw new IllegalArgumentException(endpoint.path() + " has no quota");
		}
		this.overrides.put(new LimitKey(endpoint, account), limit);
	}

	/** What clear_quota does: today's counts of every API of this account go back to zero. */
	public void clearDaily(String account) {
		this.usage.forEach((key, counter) -> {
			if (key.account().equals(account)) {
				synchronized (counter) {
					counter.dayUsed = 0;
				}
			}
		});
	}

	/** Overrides in force, keyed {@code endpoint} or {@code endpoint|appid}. */
	public Map<String, QuotaLimit> overrides() {
		Map<String, QuotaLimit> view = new TreeMap<>();
		this.overrides.forEach((key, limit) -> view
			.put((key.account() == null) ? key.endpoint().path() : key.endpoint().path() + "|" + key.account(), limit));
		return view;
	}

	public void reset() {
		this.overrides.clear();
		this.usage.clear();
	}

	private record LimitKey(ApiEndpoint endpoint, String account) {
	}

	private record UsageKey(String account, ApiEndpoint endpoint) {
	}

	/** Guarded by its own monitor. */
	private static final class Usage {

		private LocalDate day;

		private long dayUsed;

		private long minute;

		private long minuteUsed;

		void roll(long nowMillis) {
			LocalDate today = Instant.ofEpochMilli(nowMillis).atZone(SHANGHAI).toLocalDate();
			if (!today.equals(this.day)) {
				this.day = today;
				this.dayUsed = 0;
			}
			long thisMinute = Math.floorDiv(nowMillis, 60_000L);
			if (thisMinute != this.minute) {
				this.minute = thisMinute;
				this.minuteUsed = 0;
			}
		}

	}

}
