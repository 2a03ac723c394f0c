package io.atrium.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.atrium.token.cache.TokenSubject;
import io.atrium.token.redis.RedisKeyspace;
import io.atrium.wechat.WeChatApiException;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Stops calls of one API for one account after WeChat said its quota is spent: 45009 (daily) until the quota
 * resets at midnight Asia/Shanghai, 45011 (per minute) for a minute. Held in Redis, so every instance stops;
 * the reopening time is read from the application's clock, Redis's expiry only cleans up.
 */
public final class QuotaBreaker {

	private static final Duration MINUTE_BACKOFF = Duration.ofMinutes(1);

	private static final RedisScript<Long> OPEN_UNTIL_LATER = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current then
				local separator = string.find(current, ':', 1, true)
				if separator and tonumber(string.sub(current, 1, separator - 1)) >= tonumber(ARGV[1]) then
					return 0
				end
			end
			redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
			return 1""", Long.class);

	/**
	 * Lists a breaker among the open ones (GT: a concurrent 45011 must not shorten what 45009 opened) and sweeps out
	 * those closed by now. ARGV: now (ms), open until (ms), member.
	 */
	private static final RedisScript<Long> LIST_OPEN = RedisScript.of("""
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
			redis.call('ZADD', KEYS[1], 'GT', ARGV[2], ARGV[3])
			return 1""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisKeyspace keyspace;

	private final Clock clock;

	private final UpstreamMetrics metrics;

	/** Every open breaker (member {@code <appid> <api key>}, scored by when it reopens), for the open-breakers gauge. */
	private final String openKey;

	public QuotaBreaker(StringRedisTemplate redis, RedisKeyspace keyspace, Clock clock, UpstreamMetrics metrics) {
		this.redis = redis;
		this.keyspace = keyspace;
		this.clock = clock;
		this.metrics = metrics;
		// Not tagged: it spans accounts, so it is written in a command of its own, never in a breaker's script.
		this.openKey = keyspace.key("quota-breakers-open");
	}

	/** The breaker of this account and API while it is open (by the application's clock), else null. */
	public OpenBreaker state(String appId, WeChatApi endpoint) {
		return state(appId, endpoint, this.clock.instant());
	}

	/** {@link #state} of many accounts and APIs, in the order asked (null where closed), in one round trip. */
	public List<OpenBreaker> states(List<AccountApi> asked) {
		if (asked.isEmpty()) {
			return List.of();
		}
		List<Object> values = RedisPipeline.read(this.redis, (operations) -> {
			for (AccountApi one : asked) {
				operations.opsForValue().get(key(one.appId(), one.api()));
			}
		});
		Instant now = this.clock.instant();
		List<OpenBreaker> states = new ArrayList<>(asked.size());
		for (Object value : values) {
			states.add(open((String) value, now));
		}
		return states;
	}

	/** One reading of the clock decides both whether the breaker is open and for how long. */
	private OpenBreaker state(String appId, WeChatApi endpoint, Instant now) {
		return open(this.redis.opsForValue().get(key(appId, endpoint)), now);
	}

	/** The breaker a stored value ({@code <open until ms>:<errcode>}) describes at {@code now}, if open. */
	private static OpenBreaker open(String value, Instant now) {
		if (value == null) {
			return null;
		}
		int separator = value.indexOf(':');
		Instant until = Instant.ofEpochMilli(Long.parseLong(value.substring(0, separator)));
		if (!now.isBefore(until)) {
			return null;
		}
		return new OpenBreaker(Integer.parseInt(value.substring(separator + 1)), until);
	}

	/** Opens the breaker for what WeChat's error says and returns the exception to answer with. */
	public RateLimitedException trip(String appId, WeChatApi endpoint, WeChatApiException ex) {
		Instant now = this.clock.instant();
		Instant until = until(ex, now);
		Duration open = Duration.between(now, until);
		// Redis only needs to forget the key eventually; the clock decides when the breaker closes. The later
		// "until" wins, so a concurrent 45011 cannot shorten a breaker that 45009 opened until midnight.
		this.redis.execute(OPEN_UNTIL_LATER, List.of(key(appId, endpoint)), String.valueOf(until.toEpochMilli()),
				until.toEpochMilli() + ":" + ex.errcode(), String.valueOf(open.plusMinutes(1).toMillis()));
		this.metrics.tripped(endpoint, ex.errcode());
		try {
			this.redis.execute(LIST_OPEN, List.of(this.openKey), String.valueOf(now.toEpochMilli()),
					String.valueOf(until.toEpochMilli()), member(appId, endpoint));
		}
		catch (RuntimeException failure) {
			// Only the gauge misses it; the breaker itself is set.
		}
		return refusal(appId, endpoint, ex, open);
	}

	/**
	 * What a caller answers after WeChat's quota error, which {@link #trip} already recorded (the gateway's own
	 * calls trip the breaker in the exchange, and answer its refusal afterwards).
	 */
	public RateLimitedException refusal(String appId, WeChatApi endpoint, WeChatApiException ex) {
		Instant now = this.clock.instant();
		return refusal(appId, endpoint, ex, Duration.between(now, until(ex, now)));
	}

	private static RateLimitedException refusal(String appId, WeChatApi endpoint, WeChatApiException ex, Duration open) {
		return new RateLimitedException(appId, endpoint, open, ex.error(),
				"WeChat refused: quota spent (errcode " + ex.errcode() + ")");
	}

	/** 45009 (the day's quota) until WeChat's midnight; 45011 (the minute's) for a short backoff. */
	private static Instant until(WeChatApiException ex, Instant now) {
		return (ex.errcode() == 45009) ? WeChatDay.nextReset(now) : now.plus(MINUTE_BACKOFF);
	}


	/** Closes the breaker of this account and API (its quota was cleared). */
	public void close(String appId, WeChatApi endpoint) {
		this.redis.delete(key(appId, endpoint));
		this.redis.opsForZSet().remove(this.openKey, member(appId, endpoint));
	}

	/** How many breakers are open now (one ZCOUNT). */
	long countOpen() {
		Long count = this.redis.opsForZSet().count(this.openKey, this.clock.millis() + 1, Double.POSITIVE_INFINITY);
		return (count != null) ? count : 0;
	}

	private static String member(String appId, WeChatApi endpoint) {
		return appId + " " + endpoint.key();
	}

	private String key(String appId, WeChatApi endpoint) {
		return key(this.keyspace, appId, endpoint);
	}

	/** The breaker's key, under the account's hash tag: {@link AccountRateLimiter}'s script reads it with the bucket. */
	static String key(RedisKeyspace keyspace, String appId, WeChatApi api) {
		return accountKey(keyspace, appId, "quota-breaker:" + api.key());
	}

	/** A per-account key under the account's hash tag (the one its token's keys use too). */
	static String accountKey(RedisKeyspace keyspace, String appId, String name) {
		return keyspace.tagged(TokenSubject.authorizer(appId).tag(), name);
	}

	/** The hash tag of {@link #accountKey}, braces included. */
	static String accountTag(String appId) {
		return "{" + TokenSubject.authorizer(appId).tag() + "}";
	}

}
